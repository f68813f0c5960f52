import { PackageURL } from 'packageurl-js';
import { VEX_JUSTIFICATIONS, type VexJustification } from '../documents/types';
import { expiryTime } from './expiry';
import { isObject, newVexFile, productKey, readVexFile, writeVexFile, type JsonObject, type VexFileError } from './openvex-file';
import type { ProjectIdentity } from './types';
import { vulnerabilityKeys } from './vulnerability-ids';

/** Which finding a triage decision is about, and how far the statement should reach. */
export interface TriageTarget {
  vulnerability: { id: string; aliases: readonly string[] };
  project: ProjectIdentity;
  /** The package's purl with its version. */
  package: string;
  /**
   * Narrow the statement to the paths through this package (a purl with version, usually the direct
   * dependency that pulls the finding in): it becomes the product, the finding's package its subcomponent.
   */
  via?: string;
  /** Leave the version out of the package's purl, so the statement survives upgrades (default: this version only). */
  anyVersion?: boolean;
}

export type TriageDecision =
  | { status: 'not_affected'; justification: VexJustification; impactStatement: string }
  /** `until` is a `YYYY-MM-DD` date: the risk is accepted through the end of that day (UTC). */
  | { status: 'accept_risk'; until: string; reason: string }
  | { status: 'under_investigation'; note?: string };

export interface TriageContext {
  /** Who decides: `Name <email>` from git or the setting (vex/author.ts). */
  author: string;
  now: () => number;
}

export type TriageResult = { ok: true; text: string; statement: JsonObject; replaced: boolean } | { ok: false; error: VexFileError };

/**
 * Adds the statement for one triage decision to the project's OpenVEX file, or replaces the one that
 * says something about the same vulnerability and the same products. `existing` is the file's text
 * (undefined when there is none yet); the result is the whole new text, which the caller writes (as
 * an editor edit, so it can be undone, or to disk). The input is never lost: a file that does not
 * read as OpenVEX gives an error and no text.
 */
export function triage(existing: string | undefined, target: TriageTarget, decision: TriageDecision, context: TriageContext): TriageResult {
  const problem = validate(decision, context.now());
  if (problem) return { ok: false, error: { message: problem } };
  // Whole seconds read better in a reviewed file; OpenVEX timestamps are RFC 3339 either way.
  const timestamp = new Date(context.now()).toISOString().replace('.000Z', 'Z');
  let file;
  if (existing === undefined || existing.trim() === '') file = newVexFile(target.project.purls[0] ?? target.package, context.author, timestamp);
  else {
    const read = readVexFile(existing);
    if (!read.ok) return read;
    file = read.file;
  }
  const statement = buildStatement(target, decision, context.author, timestamp);
  const keys = new Set(vulnerabilityKeys(target.vulnerability.id, target.vulnerability.aliases));
  const products = productKey(statement);
  const index = file.statements.findIndex((s) => productKey(s) === products && statementKeys(s).some((k) => keys.has(k)));
  const statements = [...file.statements];
  if (index === -1) statements.push(statement);
  else statements[index] = statement;
  return { ok: true, text: writeVexFile({ document: file.document, statements }, timestamp), statement, replaced: index !== -1 };
}

/** The OpenVEX statement for a decision, fields in the spec's order (openvex-file.ts keeps it). */
export function buildStatement(target: TriageTarget, decision: TriageDecision, author: string, timestamp: string): JsonObject {
  const aliases = [...new Set(target.vulnerability.aliases.filter((a) => a !== target.vulnerability.id))].sort();
  const pkg = target.anyVersion ? withoutVersion(target.package) : target.package;
  const product = target.via ? { '@id': target.via, subcomponents: [{ '@id': pkg }] } : { '@id': target.project.purls[0] ?? pkg, subcomponents: [{ '@id': pkg }] };
  const base: JsonObject = {
    vulnerability: { name: target.vulnerability.id, ...(aliases.length ? { aliases } : {}) },
    timestamp,
    products: [product],
  };
  switch (decision.status) {
    case 'not_affected':
      return { ...base, status: 'not_affected', justification: decision.justification, impact_statement: decision.impactStatement.trim(), 'chainsight:author': author };
    case 'accept_risk':
      return {
        ...base,
        status: 'affected',
        // Readers that know nothing of Chainsight still show the acceptance and its date in words.
        action_statement: `Risk accepted until ${decision.until}: ${decision.reason.trim()}`,
        action_statement_timestamp: timestamp,
        'chainsight:author': author,
        'chainsight:expires': decision.until,
      };
    case 'under_investigation':
      return { ...base, status: 'under_investigation', ...(decision.note?.trim() ? { status_notes: decision.note.trim() } : {}), 'chainsight:author': author };
  }
}

function validate(decision: TriageDecision, now: number): string | undefined {
  switch (decision.status) {
    case 'not_affected':
      if (!VEX_JUSTIFICATIONS.includes(decision.justification)) return `"${decision.justification}" is not an OpenVEX justification (one of ${VEX_JUSTIFICATIONS.join(', ')})`;
      if (!decision.impactStatement.trim()) return 'say why it is not affected (an impact statement)';
      return undefined;
    case 'accept_risk': {
      const end = /^\d{4}-\d{2}-\d{2}$/.test(decision.until) ? expiryTime(decision.until) : undefined;
      if (end === undefined) return `"${decision.until}" is not a date (YYYY-MM-DD)`;
      if (end <= now) return `${decision.until} is already past: choose a later date`;
      if (!decision.reason.trim()) return 'give a reason for accepting the risk';
      return undefined;
    }
    case 'under_investigation':
      return undefined;
  }
}

function statementKeys(s: JsonObject): string[] {
  const v = s.vulnerability;
  if (typeof v === 'string') return vulnerabilityKeys(v, []);
  if (!isObject(v)) return [];
  const aliases = Array.isArray(v.aliases) ? v.aliases.filter((a): a is string => typeof a === 'string') : [];
  return vulnerabilityKeys(typeof v.name === 'string' ? v.name : '', aliases);
}

/** The same purl without its version (packageurl-js rebuilds it in canonical form). */
function withoutVersion(purl: string): string {
  try {
    const parsed = PackageURL.fromString(purl);
    return new PackageURL(parsed.type, parsed.namespace, parsed.name, undefined, parsed.qualifiers, parsed.subpath).toString();
  } catch {
    return purl;
  }
}
