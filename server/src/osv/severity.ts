import type { Severity, SeverityAssessment } from '../core/severity';
import { asObject } from '../core/json-data';
import { scoreCvss, type CvssRating, type CvssScore, type CvssVersion } from './cvss';
import type { OsvAffected, OsvRecord } from './types';

/** Newest first: a record that gives several versions is rated on the most recent method. */
const VERSION_PREFERENCE: readonly CvssVersion[] = ['4.0', '3.1', '3.0', '2.0'];

const FROM_RATING: Readonly<Record<CvssRating, Severity>> = {
  critical: 'critical',
  high: 'high',
  medium: 'moderate',
  low: 'low',
  // A 0.0 vector still names a vulnerability; "low" keeps it visible rather than hiding it.
  none: 'low',
};

/** GitHub's spellings in `database_specific.severity`; MEDIUM appears in some other databases. */
const FROM_DATABASE: Readonly<Record<string, Severity>> = {
  LOW: 'low',
  MODERATE: 'moderate',
  MEDIUM: 'moderate',
  HIGH: 'high',
  CRITICAL: 'critical',
};

export function severityFromCvssRating(rating: CvssRating): Severity {
  return Object.hasOwn(FROM_RATING, rating) ? FROM_RATING[rating] : 'unknown';
}

/**
 * How severe a record is for one affected package (or for the record as a whole without one).
 * In order: malicious-package records are always critical; then the newest CVSS vector, the
 * affected entry's own vectors winning over the record's; then `database_specific.severity`,
 * again the affected entry's first; else `unknown`. A vector that does not parse is skipped, so a
 * record whose only vector is broken falls through to `database_specific`. Never throws, whatever
 * shape the record has.
 */
export function assessSeverity(record: OsvRecord, affected?: OsvAffected): SeverityAssessment {
  const rec = asObject(record);
  const aff = asObject(affected);
  if (isMalicious(rec)) return { severity: 'critical', from: 'malicious' };
  const cvss = newestCvss(aff?.severity) ?? newestCvss(rec?.severity);
  if (cvss) {
    return {
      severity: severityFromCvssRating(cvss.rating),
      score: cvss.baseScore,
      vector: cvss.vector,
      cvssVersion: cvss.version,
      from: 'cvss',
    };
  }
  const database = databaseSeverity(aff?.database_specific) ?? databaseSeverity(rec?.database_specific);
  if (database) return { severity: database, from: 'database_specific' };
  return { severity: 'unknown', from: 'none' };
}

/** OSSF malicious-packages ids start with MAL-; GHSA and RustSec records about malware alias them. */
function isMalicious(record: Record<string, unknown> | undefined): boolean {
  if (!record) return false;
  const ids = [record.id, ...(Array.isArray(record.aliases) ? record.aliases : [])];
  return ids.some((id) => typeof id === 'string' && id.startsWith('MAL-'));
}

/**
 * The vector of the newest CVSS version in a `severity` list; the first one in the list when a
 * version appears twice. The version is read from the vector itself, not from the entry's `type`.
 */
function newestCvss(list: unknown): CvssScore | undefined {
  if (!Array.isArray(list)) return undefined;
  let best: CvssScore | undefined;
  for (const entry of list) {
    const score = asObject(entry)?.score;
    if (typeof score !== 'string') continue;
    const scored = scoreCvss(score);
    if (scored && (!best || VERSION_PREFERENCE.indexOf(scored.version) < VERSION_PREFERENCE.indexOf(best.version))) best = scored;
  }
  return best;
}

function databaseSeverity(databaseSpecific: unknown): Severity | undefined {
  const value = asObject(databaseSpecific)?.severity;
  if (typeof value !== 'string') return undefined;
  const key = value.trim().toUpperCase();
  return Object.hasOwn(FROM_DATABASE, key) ? FROM_DATABASE[key] : undefined;
}
