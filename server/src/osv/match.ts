import { IdentityMemo } from '../core/identity-memo';
import type { Ecosystem } from '../ecosystems/types';
import type { VersionScheme } from '../versions/scheme';
import type { OsvAffected, OsvEvent, OsvRange, OsvRecord } from './types';

/**
 * OSV range evaluation (https://ossf.github.io/osv-schema/#evaluation), once for every ecosystem:
 * version ordering comes from the ecosystem's scheme and name spelling from its normaliser, so
 * nothing here knows about any particular ecosystem.
 *
 * GIT ranges are skipped: they order commits, which needs the repository's history; packages
 * identified only by a commit are reported as not matched rather than guessed.
 */

/**
 * The affected entries of a record that name this package in this ecosystem. Both names are
 * normalised: lockfiles keep the spelling the user wrote (`Newtonsoft.Json` in a csproj), OSV keeps
 * the registry's, and for NuGet, PyPI and Packagist those differ only in case or separators.
 */
export function affectedEntriesFor(record: OsvRecord, ecosystem: Ecosystem, name: string): OsvAffected[] {
  const out: OsvAffected[] = [];
  const wanted = ecosystem.normalizeName(name);
  for (const affected of record.affected ?? []) {
    const pkg = affected.package;
    if (!pkg || typeof pkg.name !== 'string' || typeof pkg.ecosystem !== 'string') continue;
    // "Debian:11" style suffixes name a release of the ecosystem; ours never carry one.
    const eco = pkg.ecosystem.split(':', 1)[0];
    if (eco !== ecosystem.name) continue;
    if (ecosystem.normalizeName(pkg.name) !== wanted) continue;
    out.push(affected);
  }
  return out;
}

export type MatchOutcome = 'affected' | 'unaffected' | 'unknown';

/**
 * Whether `version` is affected by one entry: an explicit `versions` list ORs with the ranges.
 * `unknown` when a range could not be evaluated because a version in it does not parse.
 */
export function entryAffects(entry: OsvAffected, scheme: VersionScheme, version: unknown, memo: MatchMemo = new MatchMemo()): MatchOutcome {
  // Ranges first: they are a handful of comparisons, while `versions` lists run to hundreds of
  // entries in PyPI and Maven records.
  let unknown = false;
  for (const range of entry.ranges ?? []) {
    if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') continue;
    const events = parsedEvents(range, scheme, memo);
    if (!events) {
      unknown = true;
      continue;
    }
    if (inRange(events, scheme, version)) return 'affected';
  }
  if (Array.isArray(entry.versions) && entry.versions.length > 0 && listContains(parsedVersionList(entry, scheme, memo), scheme, version)) return 'affected';
  return unknown ? 'unknown' : 'unaffected';
}

/** Whether the record affects the package version: any matching entry, any range or listed version. */
export function recordAffects(record: OsvRecord, ecosystem: Ecosystem, name: string, version: unknown, memo: MatchMemo = new MatchMemo()): MatchOutcome {
  let unknown = false;
  for (const entry of affectedEntriesFor(record, ecosystem, name)) {
    const outcome = entryAffects(entry, ecosystem.scheme, version, memo);
    if (outcome === 'affected') return 'affected';
    if (outcome === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'unaffected';
}

/**
 * The versions an entry's ranges name that the scheme cannot order (`fixed: "2019-09-12"` in PyPI),
 * as `<event> <text>`: what makes a record undetermined, for reports to name.
 */
export function unorderedBounds(record: OsvRecord, ecosystem: Ecosystem, name: string): string[] {
  const out: string[] = [];
  for (const entry of affectedEntriesFor(record, ecosystem, name)) {
    for (const range of entry.ranges ?? []) {
      if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') continue;
      for (const event of Array.isArray(range.events) ? range.events : []) {
        if (typeof event !== 'object' || event === null) continue;
        for (const kind of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
          const text = event[kind];
          if (typeof text === 'string' && parseEvent({ [kind]: text }, ecosystem.scheme) === null) out.push(`${kind} ${text}`);
        }
      }
    }
  }
  return out;
}

interface ParsedEvent {
  kind: 'introduced' | 'fixed' | 'last_affected' | 'limit';
  /** undefined for `introduced: "0"`: before every version. */
  version: unknown;
  text: string;
}

/**
 * What matching derives from advisory records, derived once: the same records are matched against
 * every installed copy of a package, and against every fix candidate.
 */
export class MatchMemo {
  /** Range events parsed with a scheme and sorted; null when one fails to parse. */
  readonly events = new IdentityMemo<OsvRange, ParsedEvent[] | null>();
  /** `versions` lists parsed with a scheme and sorted. */
  readonly versionLists = new IdentityMemo<OsvAffected, unknown[]>();
}

/** Events parsed with the scheme and sorted; null when one fails to parse. */
function parsedEvents(range: OsvRange, scheme: VersionScheme, memo: MatchMemo): ParsedEvent[] | null {
  return memo.events.get(range, scheme.id, () => {
    const events: ParsedEvent[] = [];
    for (const event of Array.isArray(range.events) ? range.events : []) {
      const parsed = parseEvent(event, scheme);
      if (parsed === null) return null;
      if (parsed) events.push(parsed);
    }
    return events.sort((a, b) => compareEvents(a, b, scheme));
  });
}

function parseEvent(event: OsvEvent, scheme: VersionScheme): ParsedEvent | null | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  for (const kind of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
    const text = event[kind];
    if (typeof text !== 'string') continue;
    if (kind === 'introduced' && text === '0') return { kind, version: undefined, text };
    if (kind === 'limit' && text === '*') return undefined; // "no limit"
    const version = scheme.parse(text);
    return version === undefined ? null : { kind, version, text };
  }
  return undefined;
}

function compareEvents(a: ParsedEvent, b: ParsedEvent, scheme: VersionScheme): number {
  if (a.version === undefined) return b.version === undefined ? 0 : -1;
  if (b.version === undefined) return 1;
  return scheme.compare(a.version, b.version);
}

/** The OSV evaluation algorithm over sorted events; `limit` caps the range from above. */
function inRange(events: ParsedEvent[], scheme: VersionScheme, version: unknown): boolean {
  let affected = false;
  for (const e of events) {
    switch (e.kind) {
      case 'introduced':
        if (e.version === undefined || scheme.compare(version, e.version) >= 0) affected = true;
        break;
      case 'fixed':
        if (scheme.compare(version, e.version) >= 0) affected = false;
        break;
      case 'last_affected':
        if (scheme.compare(version, e.version) > 0) affected = false;
        break;
      case 'limit':
        if (scheme.compare(version, e.version) >= 0) return false;
        break;
    }
  }
  return affected;
}

/**
 * A `versions` list parsed and sorted once per scheme, so membership is a binary search: PyPI and
 * Maven records list every affected release, hundreds of them, and fix searches ask many times.
 * Equality is the scheme's (`1.0` and `1.0.0` are one PyPI version), not the text's.
 */
function parsedVersionList(entry: OsvAffected, scheme: VersionScheme, memo: MatchMemo): unknown[] {
  return memo.versionLists.get(entry, scheme.id, () => {
    const list: unknown[] = [];
    for (const v of entry.versions ?? []) {
      if (typeof v !== 'string') continue;
      const parsed = scheme.parse(v);
      if (parsed !== undefined) list.push(parsed);
    }
    return list.sort((a, b) => scheme.compare(a, b));
  });
}

function listContains(sorted: readonly unknown[], scheme: VersionScheme, version: unknown): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = scheme.compare(sorted[mid], version);
    if (c === 0) return true;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Intervals of one entry, as written, for messages and for "does this range admit it" checks. */
export function entryIntervals(entry: OsvAffected): Array<{ introduced?: string; fixed?: string; lastAffected?: string }> {
  const out: Array<{ introduced?: string; fixed?: string; lastAffected?: string }> = [];
  for (const range of entry.ranges ?? []) {
    if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') continue;
    let current: { introduced?: string; fixed?: string; lastAffected?: string } | undefined;
    for (const event of Array.isArray(range.events) ? range.events : []) {
      if (typeof event.introduced === 'string') {
        if (current) out.push(current);
        current = { introduced: event.introduced };
      } else if (typeof event.fixed === 'string') {
        out.push({ ...(current ?? {}), fixed: event.fixed });
        current = undefined;
      } else if (typeof event.last_affected === 'string') {
        out.push({ ...(current ?? {}), lastAffected: event.last_affected });
        current = undefined;
      }
    }
    if (current) out.push(current);
  }
  for (const v of entry.versions ?? []) if (typeof v === 'string') out.push({ introduced: v, lastAffected: v });
  return out;
}

/** `>=1.0.0, <1.2.3` */
export function describeInterval(interval: { introduced?: string; fixed?: string; lastAffected?: string }): string {
  if (interval.introduced !== undefined && interval.introduced === interval.lastAffected) return `=${interval.introduced}`;
  const parts: string[] = [];
  if (interval.introduced && interval.introduced !== '0') parts.push(`>=${interval.introduced}`);
  if (interval.fixed) parts.push(`<${interval.fixed}`);
  else if (interval.lastAffected) parts.push(`<=${interval.lastAffected}`);
  return parts.length ? parts.join(', ') : 'all versions';
}

/** Every `fixed` version an entry names, parsed, for "lowest fix above the installed version". */
export function fixedVersions(entry: OsvAffected, scheme: VersionScheme, memo: MatchMemo = new MatchMemo()): Array<{ text: string; version: unknown }> {
  const out: Array<{ text: string; version: unknown }> = [];
  for (const range of entry.ranges ?? []) {
    if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') continue;
    for (const e of parsedEvents(range, scheme, memo) ?? []) if (e.kind === 'fixed') out.push({ text: e.text, version: e.version });
  }
  return out;
}
