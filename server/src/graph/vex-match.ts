import type { VexVerdict } from './answers';
import { evidenceOf, type OriginInfo } from './origins';
import { int, text, type SqlDialect, type SqlSession } from './sql/executor';
import { selectIn } from './sql/rows';

/** A package version as VEX compares it: versionless purl and version ('' = every version). */
export interface BaseVersion {
  base: string;
  version: string;
}

/** One scope (product, optional subcomponent) of one VEX statement. */
export interface VexScope {
  statement: number;
  origin: number;
  vuln: number;
  status: VexVerdict['status'];
  justification: string;
  impact: string;
  action: string;
  statedAt: string;
  product: { pkg?: BaseVersion; artifact: string };
  sub?: { pkg?: BaseVersion; artifact: string };
}

/** Every scope of every statement about these vulnerability ids. */
export async function loadVexScopes(s: SqlSession, d: SqlDialect, vulns: Iterable<number>): Promise<VexScope[]> {
  const rows = await selectIn(
    s,
    d,
    (list) => `SELECT v.id AS statement, v.origin AS origin, v.vuln AS vuln, v.status AS status, v.justification AS justification, v.impact AS impact,
        v.action AS action, v.stated_at AS stated_at, c.sub_pkg AS sub_pkg, c.sub_artifact AS sub_artifact, c.sub_other AS sub_other,
        pp.base AS p_base, pp.version AS p_version, pa.key AS p_artifact, sp.base AS s_base, sp.version AS s_version, sa.key AS s_artifact
      FROM g_vex v JOIN g_vex_scope c ON c.vex = v.id
      LEFT JOIN g_package pp ON pp.id = c.product_pkg LEFT JOIN g_artifact pa ON pa.id = c.product_artifact
      LEFT JOIN g_package sp ON sp.id = c.sub_pkg LEFT JOIN g_artifact sa ON sa.id = c.sub_artifact
      WHERE v.vuln IN (${list})`,
    [...new Set(vulns)],
  );
  return rows.map((r) => {
    const hasSub = int(r.sub_pkg) > 0 || int(r.sub_artifact) > 0 || text(r.sub_other) !== '';
    return {
      statement: int(r.statement),
      origin: int(r.origin),
      vuln: int(r.vuln),
      status: text(r.status) as VexScope['status'],
      justification: text(r.justification),
      impact: text(r.impact),
      action: text(r.action),
      statedAt: text(r.stated_at),
      product: { ...(r.p_base ? { pkg: { base: text(r.p_base), version: text(r.p_version) } } : {}), artifact: text(r.p_artifact) },
      ...(hasSub ? { sub: { ...(r.s_base ? { pkg: { base: text(r.s_base), version: text(r.s_version) } } : {}), artifact: text(r.s_artifact) } } : {}),
    };
  });
}

/** An affected package instance, as VEX matching needs it. */
export interface VexTarget {
  origin: OriginInfo;
  /** The origin's subject as a package (a project's own package, an SBOM's component). */
  subject?: BaseVersion;
  pkg: BaseVersion;
  /** The package's alias class: statements about any of these ids apply. */
  vulns: ReadonlySet<number>;
}

/**
 * The statement that applies to a package instance: the most specific one, then the latest.
 * Specificity: subject with the package as a versioned subcomponent (5) or a versionless one (4);
 * a statement inside an SBOM about a package of that SBOM (4); the package itself, versioned (3)
 * or versionless (2); the whole subject (1). A statement about a subcomponent of another product,
 * or inside another SBOM, does not apply.
 */
export function applicableVex(scopes: readonly VexScope[], target: VexTarget, origins: ReadonlyMap<number, OriginInfo>): { scope: VexScope; verdict: VexVerdict } | undefined {
  let best: { scope: VexScope; rank: number; statedAt: string; learnedAt: number } | undefined;
  for (const scope of scopes) {
    if (!target.vulns.has(scope.vuln)) continue;
    const rank = specificity(scope, target, origins.get(scope.origin));
    if (rank === 0) continue;
    const learnedAt = origins.get(scope.origin)?.learnedAt ?? 0;
    if (!best || rank > best.rank || (rank === best.rank && (scope.statedAt > best.statedAt || (scope.statedAt === best.statedAt && learnedAt > best.learnedAt)))) {
      best = { scope, rank, statedAt: scope.statedAt, learnedAt };
    }
  }
  if (!best) return undefined;
  const { scope } = best;
  const statement = scope.impact || scope.action;
  const origin = origins.get(scope.origin);
  return {
    scope,
    verdict: {
      status: scope.status,
      ...(scope.justification ? { justification: scope.justification } : {}),
      ...(statement ? { statement } : {}),
      evidence: origin ? evidenceOf(origin) : { kind: 'document', ref: '', at: '' },
    },
  };
}

function specificity(scope: VexScope, target: VexTarget, statementOrigin: OriginInfo | undefined): number {
  const isSubject = matchesSubject(scope.product, target);
  if (scope.sub) {
    if (!isSubject || !scope.sub.pkg || !matches(scope.sub.pkg, target.pkg)) return 0;
    return scope.sub.pkg.version ? 5 : 4;
  }
  if (scope.product.pkg && matches(scope.product.pkg, target.pkg)) {
    // Analysis carried inside an SBOM speaks for that SBOM's subject only.
    if (statementOrigin?.docKind === 'sbom') return statementOrigin.id === target.origin.id ? 4 : 0;
    return scope.product.pkg.version ? 3 : 2;
  }
  return isSubject ? 1 : 0;
}

function matchesSubject(product: VexScope['product'], target: VexTarget): boolean {
  if (product.artifact && product.artifact === target.origin.subjectArtifact) return true;
  return product.pkg !== undefined && target.subject !== undefined && matches(product.pkg, target.subject);
}

function matches(ref: BaseVersion, pkg: BaseVersion): boolean {
  return ref.base === pkg.base && (ref.version === '' || ref.version === pkg.version);
}

/** A VEX verdict leaves a finding open unless it says not affected or fixed. */
export function isOpen(verdict: VexVerdict | undefined): boolean {
  return !verdict || (verdict.status !== 'not_affected' && verdict.status !== 'fixed');
}
