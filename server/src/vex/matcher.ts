import type { VexProductRef } from '../documents/types';
import { acceptanceState } from './expiry';
import { PurlMatcher, purlPrecision } from './purl-match';
import { SCOPE_RANK, type SourcedStatement, type VexDecision, type VexMatch, type VexPath, type VexScope, type VexSubject } from './types';
import { vulnerabilityKeys } from './vulnerability-ids';

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

/**
 * Decides, per (package instance, vulnerability), which VEX statement applies (docs/vex.md):
 * statements are indexed by every vulnerability id and alias they give, so a finding only looks at
 * the few that name one of its ids; then the statement's products decide how far it reaches (a path,
 * the project's dependency, the dependency anywhere, the whole project). The narrowest scope wins,
 * then the more precise purl (a version, qualifiers), then the latest timestamp, then the later
 * statement. One matcher serves one scan: it remembers which statements applied, for lint.
 */
export class VexMatcher {
  private readonly byVulnerability = new Map<string, Array<{ matched: SourcedStatement; order: number }>>();
  private readonly purls = new PurlMatcher();
  private readonly applied = new Set<SourcedStatement>();

  constructor(
    readonly statements: readonly SourcedStatement[],
    private readonly options: VexMatcherOptions,
  ) {
    statements.forEach((matched, order) => {
      for (const key of vulnerabilityKeys(matched.statement.vulnerability.id, matched.statement.vulnerability.aliases)) {
        const list = this.byVulnerability.get(key);
        if (list) list.push({ matched, order });
        else this.byVulnerability.set(key, [{ matched, order }]);
      }
    });
  }

  match(subject: VexSubject, vulnerability: MatchedVulnerability): VexMatch {
    const candidates = this.candidates(vulnerability);
    if (candidates.length === 0) return {};
    const paths = subject.paths.length > 0 ? subject.paths : [{ project: { name: '', purls: [] }, purls: [] }];
    const winners = paths.map((path) => this.best(candidates, subject, path));
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

  private candidates(vulnerability: MatchedVulnerability): Array<{ matched: SourcedStatement; order: number }> {
    const seen = new Set<SourcedStatement>();
    const out: Array<{ matched: SourcedStatement; order: number }> = [];
    for (const key of vulnerabilityKeys(vulnerability.id, [...vulnerability.aliases, ...(vulnerability.records ?? [])])) {
      for (const c of this.byVulnerability.get(key) ?? []) {
        if (seen.has(c.matched)) continue;
        seen.add(c.matched);
        out.push(c);
      }
    }
    return out;
  }

  private best(candidates: ReadonlyArray<{ matched: SourcedStatement; order: number }>, subject: VexSubject, path: VexPath): Applicable | undefined {
    let best: Applicable | undefined;
    for (const { matched, order } of candidates) {
      const reach = this.reach(matched, subject, path);
      if (!reach) continue;
      this.applied.add(matched);
      const time = matched.statement.timestamp ? Date.parse(matched.statement.timestamp) : Number.NEGATIVE_INFINITY;
      const candidate: Applicable = { matched, order, ...reach, time: Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time };
      if (!best || outranks(candidate, best)) best = candidate;
    }
    return best;
  }

  /** How far the statement reaches this package on this path, and how precisely; undefined when it does not. */
  private reach(matched: SourcedStatement, subject: VexSubject, path: VexPath): { scope: VexScope; precision: number } | undefined {
    let best: { scope: VexScope; precision: number } | undefined;
    const consider = (scope: VexScope, precision: number) => {
      if (!best || SCOPE_RANK[scope] > SCOPE_RANK[best.scope] || (scope === best.scope && precision > best.precision)) best = { scope, precision };
    };
    for (const product of matched.statement.products) {
      const productPurl = refPurl(product);
      if (productPurl === undefined) continue;
      const productPrecision = this.precision(productPurl);
      if (product.subcomponents.length === 0) {
        if (this.purls.matches(productPurl, subject.purl)) consider('dependency', productPrecision);
        else if (path.project.purls.some((p) => this.purls.matches(productPurl, p))) consider('project', productPrecision);
        continue;
      }
      const sub = this.bestSubcomponent(product.subcomponents, subject.purl);
      if (sub === undefined) continue;
      if (path.project.purls.some((p) => this.purls.matches(productPurl, p))) consider('project-dependency', productPrecision + sub);
      else if (path.purls.slice(0, -1).some((ancestor) => this.purls.matches(productPurl, ancestor))) consider('path', productPrecision + sub);
    }
    return best;
  }

  private bestSubcomponent(subcomponents: readonly VexProductRef[], target: string): number | undefined {
    let best: number | undefined;
    for (const sub of subcomponents) {
      const purl = refPurl(sub);
      if (purl !== undefined && this.purls.matches(purl, target)) best = Math.max(best ?? 0, this.precision(purl));
    }
    return best;
  }

  private precision(purl: string): number {
    const parsed = this.purls.parse(purl);
    return parsed ? purlPrecision(parsed) : 0;
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

/** The purl a product or subcomponent names: its purl, or an `@id` that is one. */
function refPurl(ref: VexProductRef): string | undefined {
  if (ref.purl) return ref.purl;
  return ref.id?.startsWith('pkg:') ? ref.id : undefined;
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
