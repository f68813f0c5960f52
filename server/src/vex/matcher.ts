import { acceptanceState } from './expiry';
import type { ParsedPurl } from './purl-match';
import { refCovers, VexIndex, type PreparedRef, type PreparedStatement } from './statement-index';
import { SCOPE_RANK, type SourcedStatement, type VexDecision, type VexMatch, type VexPath, type VexScope, type VexSubject } from './types';

/** The parts of a finding's vulnerability matching reads (core/findings.ts `Vulnerability`). */
export interface MatchedVulnerability {
  id: string;
  aliases: readonly string[];
  /** Ids of the OSV records grouped into it. */
  records?: readonly string[];
  /** The advisory's last modification (OSV `modified`): newer than a statement means "review it". */
  modified?: string;
}

export interface VexMatcherOptions {
  /** The clock expiry is judged by (injected so tests use fixed dates). */
  now: () => number;
}

interface Applicable {
  matched: SourcedStatement;
  scope: VexScope;
  precision: number;
  time: number;
  order: number;
}

/** One path as matching reads it: the project's identifiers and, when a statement asks, the packages above this one. */
interface PreparedPath {
  project: ParsedPurl[];
  path: VexPath;
  ancestors?: ParsedPurl[];
}

/**
 * Decides, per (package instance, vulnerability), which VEX statement applies (docs/vex.md): only
 * the statements that name one of the finding's ids are looked at (statement-index.ts); their
 * products decide how far each reaches (a path, the project's dependency, the dependency anywhere,
 * the whole project). The narrowest scope wins, then the more precise purl (a version,
 * qualifiers), then the latest timestamp, then the later statement. One matcher serves one scan:
 * it remembers which statements applied, for lint.
 */
export class VexMatcher {
  private readonly index: VexIndex;
  private readonly applied = new Set<SourcedStatement>();
  /** Each subject's purls parsed once, for all its vulnerabilities. */
  private readonly subjects = new WeakMap<VexSubject, { target: ParsedPurl | undefined; paths: PreparedPath[] }>();

  constructor(
    statements: VexIndex | readonly SourcedStatement[],
    private readonly options: VexMatcherOptions,
  ) {
    this.index = statements instanceof VexIndex ? statements : new VexIndex(statements);
  }

  match(subject: VexSubject, vulnerability: MatchedVulnerability): VexMatch {
    const candidates = this.index.candidates(vulnerability);
    if (candidates.length === 0) return {};
    const { target, paths: prepared } = this.prepare(subject);
    if (!target) return {};
    const paths = prepared.map((p) => p.path);
    const winners = prepared.map((path) => this.best(candidates, target, path));
    const decisions = winners.map((w) => (w ? this.decision(w, vulnerability) : undefined));
    const narrowed = winners.some((w) => w?.scope === 'path');
    const same = winners.every((w) => w?.matched === winners[0]?.matched && w?.scope === winners[0]?.scope);
    const decision = same ? decisions[0] : loudest(decisions);
    const byPath = narrowed || !same ? paths.map((path, i) => ({ path, ...(decisions[i] ? { decision: decisions[i] } : {}) })) : undefined;
    return { ...(decision ? { decision } : {}), ...(byPath ? { byPath } : {}) };
  }

  /** Statements that applied to some package of this scan so far (overridden or not). */
  appliedStatements(): ReadonlySet<SourcedStatement> {
    return this.applied;
  }

  private prepare(subject: VexSubject): { target: ParsedPurl | undefined; paths: PreparedPath[] } {
    let hit = this.subjects.get(subject);
    if (!hit) {
      const paths = subject.paths.length > 0 ? subject.paths : [{ project: { name: '', purls: [] }, purls: [] }];
      hit = { target: this.index.purls.parse(subject.purl), paths: paths.map((path) => ({ path, project: this.parseAll(path.project.purls) })) };
      this.subjects.set(subject, hit);
    }
    return hit;
  }

  private parseAll(purls: readonly string[]): ParsedPurl[] {
    const out: ParsedPurl[] = [];
    for (const p of purls) {
      const parsed = this.index.purls.parse(p);
      if (parsed) out.push(parsed);
    }
    return out;
  }

  private best(candidates: readonly PreparedStatement[], target: ParsedPurl, path: PreparedPath): Applicable | undefined {
    let best: Applicable | undefined;
    for (const prepared of candidates) {
      const reach = this.reach(prepared, target, path);
      if (!reach) continue;
      this.applied.add(prepared.matched);
      const candidate: Applicable = { matched: prepared.matched, order: prepared.order, time: prepared.time, scope: reach.scope, precision: reach.precision };
      if (!best || outranks(candidate, best)) best = candidate;
    }
    return best;
  }

  /** How far the statement reaches this package on this path, and how precisely; undefined when it does not. */
  private reach(prepared: PreparedStatement, target: ParsedPurl, path: PreparedPath): { scope: VexScope; precision: number } | undefined {
    let scope: VexScope | undefined;
    let precision = 0;
    for (const { product, subcomponents } of this.index.products(prepared)) {
      let found: VexScope | undefined;
      let foundPrecision = product.precision;
      if (subcomponents.length === 0) {
        if (refCovers(product, target)) found = 'dependency';
        else if (coversAny(product, path.project)) found = 'project';
      } else {
        let sub: number | undefined;
        for (const s of subcomponents) if (refCovers(s, target) && (sub === undefined || s.precision > sub)) sub = s.precision;
        if (sub === undefined) continue;
        foundPrecision += sub;
        if (coversAny(product, path.project)) found = 'project-dependency';
        else if (coversAny(product, (path.ancestors ??= this.parseAll(path.path.purls.slice(0, -1))))) found = 'path';
      }
      if (found && (scope === undefined || SCOPE_RANK[found] > SCOPE_RANK[scope] || (found === scope && foundPrecision > precision))) {
        scope = found;
        precision = foundPrecision;
      }
    }
    return scope ? { scope, precision } : undefined;
  }

  private decision(winner: Applicable, vulnerability: MatchedVulnerability): VexDecision {
    const { statement, source } = winner.matched;
    const acceptance = acceptanceState(statement, this.options.now());
    const suppressed = statement.status === 'not_affected' || statement.status === 'fixed' || acceptance?.expired === false;
    const words = statement.impactStatement ?? statement.actionStatement;
    const modified = vulnerability.modified ? Date.parse(vulnerability.modified) : NaN;
    return {
      status: statement.status,
      ...(statement.justification ? { justification: statement.justification } : {}),
      ...(words ? { statement: words } : {}),
      source: {
        ...(source.kind === 'file' ? { file: source.path } : { document: source.origin.id ?? source.origin.fileName }),
        ...(statement.range ? { range: statement.range } : {}),
      },
      ...(statement.author ? { author: statement.author } : {}),
      ...(statement.timestamp ? { timestamp: statement.timestamp } : {}),
      scope: winner.scope,
      suppressed,
      ...(acceptance ? { acceptedUntil: acceptance.until, ...(acceptance.expired ? { expired: true } : {}) } : {}),
      ...(vulnerability.modified && !Number.isNaN(modified) && modified > winner.time ? { review: { modified: vulnerability.modified } } : {}),
      matched: winner.matched,
    };
  }
}

function outranks(a: Applicable, b: Applicable): boolean {
  if (SCOPE_RANK[a.scope] !== SCOPE_RANK[b.scope]) return SCOPE_RANK[a.scope] > SCOPE_RANK[b.scope];
  if (a.precision !== b.precision) return a.precision > b.precision;
  if (a.time !== b.time) return a.time > b.time;
  return a.order > b.order;
}

function coversAny(ref: PreparedRef, candidates: readonly ParsedPurl[]): boolean {
  for (const c of candidates) if (refCovers(ref, c)) return true;
  return false;
}

/**
 * When paths disagree, the finding is as loud as its loudest path: a path no statement covers keeps
 * it affected; then affected (an expired acceptance), then under investigation, then suppressed.
 */
function loudest(decisions: ReadonlyArray<VexDecision | undefined>): VexDecision | undefined {
  if (decisions.some((d) => d === undefined)) return undefined;
  const rank = (d: VexDecision) => (d.suppressed ? 0 : d.status === 'under_investigation' ? 1 : 2);
  return [...(decisions as VexDecision[])].sort((a, b) => rank(b) - rank(a))[0];
}
