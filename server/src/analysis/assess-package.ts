import type { FixSuggestion, Vulnerability } from '../core/findings';
import { compareSeverity, type Severity, type SeverityAssessment } from '../core/severity';
import type { Ecosystem } from '../ecosystems/types';
import { groupIds, groupRecords } from '../osv/group';
import { affectedEntriesFor, describeInterval, entryIntervals, fixedVersions, recordAffects, unorderedBounds } from '../osv/match';
import { assessSeverity } from '../osv/severity';
import type { OsvAffected, OsvRecord } from '../osv/types';
import { AdvisoryMemo } from './advisory-memo';

export interface PackageAssessment {
  vulnerabilities: Vulnerability[];
  fix?: FixSuggestion;
  /** Records whose ranges could not be evaluated against this version (unparseable range versions). */
  undetermined: string[];
  /**
   * What could not be ordered, in words for the user: the installed version itself, or the bounds
   * that left records undetermined. Matching never guesses an order, so these are not clean either.
   */
  unordered: string[];
}

/**
 * Everything known about one installed version: the grouped vulnerabilities that affect it and the
 * smallest upgrade that leaves none. `records` are all records naming the package (any version).
 * When the version itself cannot be parsed, nothing is matched (that would be guessing) and the
 * assessment says so: every record naming the package is undetermined.
 */
export function assessPackage(records: readonly OsvRecord[], ecosystem: Ecosystem, name: string, versionText: string, memo: AdvisoryMemo = new AdvisoryMemo()): PackageAssessment {
  const live = records.filter((r) => !r.withdrawn);
  const version = ecosystem.scheme.parse(versionText);
  if (version === undefined) {
    const undetermined = live.filter((r) => affectedEntriesFor(r, ecosystem, name).length > 0).map((r) => r.id);
    const unordered = [`${JSON.stringify(versionText)} is not a ${ecosystem.name} version that can be compared with advisory ranges${undetermined.length ? `: ${undetermined.length} advisor${undetermined.length === 1 ? 'y' : 'ies'} for ${name} not checked` : ''}`];
    return { vulnerabilities: [], undetermined, unordered };
  }
  const matched: OsvRecord[] = [];
  const undetermined: string[] = [];
  for (const record of live) {
    const outcome = recordAffects(record, ecosystem, name, version, memo.match);
    if (outcome === 'affected') matched.push(record);
    else if (outcome === 'unknown') undetermined.push(record.id);
  }
  const unordered = live.filter((r) => undetermined.includes(r.id)).map((r) => `${r.id}: ${unorderedBounds(r, ecosystem, name).join(', ')} cannot be compared with ${ecosystem.name} versions`);
  if (matched.length === 0) return { vulnerabilities: [], undetermined, unordered };
  const vulnerabilities = groupRecords(matched)
    .map((group) => toVulnerability(group, ecosystem, name, version, memo))
    .sort((a, b) => compareSeverity(a.severity, b.severity) || a.id.localeCompare(b.id));
  const fix = minimalFix(live, ecosystem, name, { version, text: versionText }, vulnerabilities.length, memo);
  return { vulnerabilities, ...(fix ? { fix } : {}), undetermined, unordered };
}

/**
 * One grouped issue. `version` is the installed version (for "fixed in" above it); without one, the
 * lowest fix any record names is reported.
 */
export function toVulnerability(group: OsvRecord[], ecosystem: Ecosystem, name: string, version?: unknown, memo: AdvisoryMemo = new AdvisoryMemo()): Vulnerability {
  const [id, ...aliases] = groupIds(group);
  let best: ReturnType<typeof assessSeverity> | undefined;
  const affected = new Set<string>();
  let fixed: { text: string; version: unknown } | undefined;
  for (const record of group) {
    const entries = affectedEntriesFor(record, ecosystem, name);
    for (const entry of entries) {
      const assessed = severityOf(memo, record, entry);
      if (!best || compareSeverity(assessed.severity, best.severity) < 0 || (assessed.severity === best.severity && (assessed.score ?? -1) > (best.score ?? -1))) best = assessed;
      for (const text of intervalTexts(memo, entry, ecosystem)) affected.add(text);
    }
    // Records of one group may disagree on the fix; the issue is fixed once every record says so.
    const lowest = lowestFixAbove(entries.flatMap((e) => fixedVersions(e, ecosystem.scheme, memo.match)), ecosystem, version);
    if (lowest && (!fixed || ecosystem.scheme.compare(lowest.version, fixed.version) > 0)) fixed = lowest;
  }
  const primary = group[0]!;
  const severity = best ?? severityOf(memo, primary);
  const references = new Map<string, { type: string; url: string }>();
  for (const record of group) for (const ref of record.references ?? []) if (ref && typeof ref.url === 'string' && !references.has(ref.url)) references.set(ref.url, { type: String(ref.type ?? 'WEB'), url: ref.url });
  const published = group.map((r) => r.published).filter((p): p is string => typeof p === 'string').sort()[0];
  const modified = group.map((r) => r.modified).filter((p): p is string => typeof p === 'string').sort().pop();
  const summary = group.map((r) => r.summary).find((s): s is string => typeof s === 'string' && s.trim() !== '') ?? firstLine(group.map((r) => r.details).find((d) => typeof d === 'string'));
  const details = group.map((r) => r.details).find((d): d is string => typeof d === 'string' && d.trim() !== '');
  return {
    id: id ?? primary.id,
    aliases,
    severity: severity.severity,
    ...(severity.score !== undefined ? { score: severity.score } : {}),
    ...(severity.vector ? { vector: severity.vector } : {}),
    ...(severity.cvssVersion ? { cvssVersion: severity.cvssVersion } : {}),
    summary: summary ?? '',
    ...(details ? { details } : {}),
    ...(published ? { published } : {}),
    ...(modified ? { modified } : {}),
    ...(fixed ? { fixed: fixed.text } : {}),
    affected: [...affected],
    references: [...references.values()],
    // Any record of the group naming malware makes the issue malware, whichever record rates it.
    malicious: severity.from === 'malicious' || group.some((r) => assessSeverity(r).from === 'malicious'),
    records: group.map((r) => r.id),
  };
}

type Interval = ReturnType<typeof entryIntervals>[number];

/**
 * The intervals worth showing: OSV exports (osv.dev's API included) list every affected version
 * next to the ranges that already cover them, so a listed version inside a range is left out.
 */
function describedIntervals(intervals: Interval[], ecosystem: Ecosystem): Interval[] {
  const isPoint = (i: Interval) => i.introduced !== undefined && i.introduced === i.lastAffected;
  const spans = intervals.filter((i) => !isPoint(i));
  const inSpan = (text: string, span: Interval): boolean => {
    const v = ecosystem.scheme.parse(text);
    const bound = (b: string | undefined) => (b === undefined ? undefined : ecosystem.scheme.parse(b));
    const lower = span.introduced && span.introduced !== '0' ? bound(span.introduced) : null;
    const fixed = bound(span.fixed);
    const last = bound(span.lastAffected);
    if (v === undefined || lower === undefined || (span.fixed !== undefined && fixed === undefined) || (span.lastAffected !== undefined && last === undefined)) return false;
    return (lower === null || ecosystem.scheme.compare(v, lower) >= 0) && (fixed === undefined || ecosystem.scheme.compare(v, fixed) < 0) && (last === undefined || ecosystem.scheme.compare(v, last) <= 0);
  };
  return intervals.filter((i) => !isPoint(i) || !spans.some((span) => inSpan(i.introduced!, span)));
}

function severityOf(memo: AdvisoryMemo, record: OsvRecord, entry?: OsvAffected): SeverityAssessment {
  return memo.severities.get(entry ?? record, '', () => assessSeverity(record, entry));
}

/** An entry's affected intervals in words (an entry names one package, so one ecosystem). */
function intervalTexts(memo: AdvisoryMemo, entry: OsvAffected, ecosystem: Ecosystem): string[] {
  return memo.intervalTexts.get(entry, '', () => describedIntervals(entryIntervals(entry), ecosystem).map(describeInterval));
}

function lowestFixAbove(candidates: Array<{ text: string; version: unknown }>, ecosystem: Ecosystem, version: unknown): { text: string; version: unknown } | undefined {
  let lowest: { text: string; version: unknown } | undefined;
  for (const c of candidates) {
    if (version !== undefined && ecosystem.scheme.compare(c.version, version) <= 0) continue;
    if (!lowest || ecosystem.scheme.compare(c.version, lowest.version) < 0) lowest = c;
  }
  return lowest;
}

/**
 * The smallest version above the installed one that no known record affects. Candidates are the
 * `fixed` versions the records name: without a registry listing they are the versions we know
 * exist and were chosen by maintainers as fixes (in the installed version's release variant, where
 * the ecosystem has those).
 */
function minimalFix(records: readonly OsvRecord[], ecosystem: Ecosystem, name: string, installed: { version: unknown; text: string }, count: number, memo: AdvisoryMemo): FixSuggestion | undefined {
  const fixed = records.flatMap((r) => affectedEntriesFor(r, ecosystem, name).flatMap((e) => fixedVersions(e, ecosystem.scheme, memo.match)));
  const variants = ecosystem.sameReleaseVariant ? fixed.map((c) => inInstalledVariant(ecosystem, installed.text, c)) : [];
  // The installed variant first; the versions exactly as the records name them when none is clean.
  for (const candidates of [variants, fixed]) {
    const fix = firstClean(records, ecosystem, name, installed.version, candidates, memo);
    if (fix) return { version: fix, major: isBreakingUpgrade(installed.text, fix), fixes: count };
  }
  return undefined;
}

function firstClean(records: readonly OsvRecord[], ecosystem: Ecosystem, name: string, version: unknown, candidates: Array<{ text: string; version: unknown }>, memo: AdvisoryMemo): string | undefined {
  const above = candidates.filter((c) => ecosystem.scheme.compare(c.version, version) > 0).sort((a, b) => ecosystem.scheme.compare(a.version, b.version));
  // A record that rules out one candidate usually rules out the next few too: ask it first.
  let blocker: OsvRecord | undefined;
  for (const candidate of above) {
    const affects = (r: OsvRecord) => recordAffects(r, ecosystem, name, candidate.version, memo.match) === 'affected';
    if (blocker && affects(blocker)) continue;
    blocker = records.find(affects);
    if (!blocker) return candidate.text;
  }
  return undefined;
}

function inInstalledVariant(ecosystem: Ecosystem, installed: string, candidate: { text: string; version: unknown }): { text: string; version: unknown } {
  const text = ecosystem.sameReleaseVariant?.(installed, candidate.text);
  const version = text === undefined ? undefined : ecosystem.scheme.parse(text);
  return text !== undefined && version !== undefined ? { text, version } : candidate;
}

/**
 * Whether moving from one version to another crosses the boundary a caret range keeps: the first
 * non-zero numeric component changes (1.x → 2.x, 0.1.x → 0.2.x). Ecosystems that follow SemVer
 * conventions treat that as breaking; for the others it is the best signal we have.
 */
export function isBreakingUpgrade(from: string, to: string): boolean {
  const a = numericParts(from);
  const b = numericParts(to);
  let i = a.findIndex((n) => n !== 0);
  if (i === -1) i = Math.min(a.length, 3) - 1;
  for (let k = 0; k <= i; k++) if ((a[k] ?? 0) !== (b[k] ?? 0)) return true;
  return false;
}

function numericParts(version: string): number[] {
  const m = /(\d+(?:\.\d+)*)/.exec(version);
  return m ? m[1]!.split('.').map(Number) : [];
}

function firstLine(text: string | undefined): string | undefined {
  return text?.split('\n').find((l) => l.trim() !== '')?.trim();
}

export function maxVulnerabilitySeverity(list: readonly Vulnerability[]): Severity {
  return list.reduce<Severity>((acc, v) => (compareSeverity(v.severity, acc) < 0 ? v.severity : acc), 'unknown');
}
