import type { Answer, WhoUsesResult } from './answers';
import { shortestChains, purlsOf, type Instance } from './dependency-paths';
import { compareSubjects, compareText, evidenceOf, loadOrigins, packageRef, subjectOf } from './origins';
import { ecosystemOfPurlType, packageKey } from './purls';
import { int, text, type SqlDialect, type SqlSession } from './sql/executor';
import { selectIn } from './sql/rows';
import { versionInRange } from './version-match';

export interface WhoUsesQuery {
  /** A purl (with or without version), or `name` / `name@range` in the ecosystem's range syntax. */
  package: string;
  /** Every recorded snapshot of each project, not only its latest. */
  history?: boolean;
  /** Compute dependency paths (one more statement per level of depth). */
  paths?: boolean;
}

/** A package the question names: ids of matching package versions. */
export interface MatchedPackages {
  ids: Map<number, { purl: string; version: string }>;
}

/**
 * Every project snapshot (each project's latest unless `history`) and SBOM subject that contains
 * the package, with version, whether it is direct, its dependency path and the evidence.
 */
export async function whoUses(s: SqlSession, d: SqlDialect, query: WhoUsesQuery): Promise<Answer<WhoUsesQuery, WhoUsesResult>> {
  const matched = await matchPackages(s, d, query.package);
  const latestOnly = query.history ? '' : ' AND (o.project IS NULL OR p.latest = o.id)';
  const rows = await selectIn(
    s,
    d,
    (list) => `SELECT g.origin AS origin, g.pkg AS pkg, g.parent AS parent, g.rel AS rel, g.scope AS scope, g.declared AS declared
      FROM g_dep g JOIN g_origin o ON o.id = g.origin LEFT JOIN g_project p ON p.id = o.project
      WHERE g.pkg IN (${list})${latestOnly}`,
    [...matched.ids.keys()],
  );
  const instances = new Map<string, Instance & { direct: boolean; scope: string; declared: string }>();
  for (const row of rows) {
    const origin = int(row.origin);
    const pkg = int(row.pkg);
    const key = `${origin}:${pkg}`;
    let instance = instances.get(key);
    if (!instance) instances.set(key, (instance = { origin, pkg, parents: [], direct: false, scope: '', declared: '' }));
    const parent = int(row.parent);
    instance.parents.push(parent);
    if (parent === 0 && int(row.rel) === 1) instance.direct = true;
    instance.scope ||= text(row.scope);
    instance.declared ||= text(row.declared);
  }
  const origins = await loadOrigins(s, d, [...instances.values()].map((i) => i.origin));
  const chains = query.paths === false ? new Map<Instance, number[]>() : await shortestChains(s, d, [...instances.values()]);
  const names = await purlsOf(s, d, [...chains.values()].flat());
  const results: WhoUsesResult[] = [];
  const nameOf = new Map<string, string>();
  for (const instance of instances.values()) {
    const origin = origins.get(instance.origin);
    const pkg = matched.ids.get(instance.pkg);
    if (!origin || !pkg) continue;
    const chain = chains.get(instance);
    results.push({
      subject: subjectOf(origin),
      package: packageRef(pkg.purl, pkg.version, nameOf),
      direct: instance.direct,
      scope: instance.scope ? instance.scope.split(',') : [],
      ...(instance.declared ? { declared: instance.declared } : {}),
      paths: chain ? [chain.map((id) => packageRef(names.get(id)?.purl ?? '', '', nameOf).name)] : [],
      evidence: [evidenceOf(origin)],
    });
  }
  results.sort((a, b) => compareSubjects(a.subject, b.subject) || compareText(a.package.purl, b.package.purl));
  return { schemaVersion: 1, query, results };
}

/**
 * The package versions a question names. A purl matches its versions (or every version when it has
 * none); `name@range` matches by name in every ecosystem, the range read by each ecosystem's rules.
 */
export async function matchPackages(s: SqlSession, d: SqlDialect, spec: string): Promise<MatchedPackages> {
  const ids = new Map<number, { purl: string; version: string }>();
  const purl = spec.trim().startsWith('pkg:') ? packageKey(spec) : undefined;
  let rows: Array<Record<string, unknown>>;
  let range = '';
  if (purl) {
    rows = await s.all(d.statement('SELECT id, purl, version FROM g_package WHERE base = ?'), [purl.base]);
    range = purl.version;
  } else {
    const { name, range: wanted } = splitNameRange(spec);
    range = wanted;
    const lower = name.toLowerCase();
    const keys = [...new Set([lower, lower.replace(/[-_.]+/g, '-')])];
    rows = await selectIn(s, d, (list) => `SELECT id, purl, version FROM g_package WHERE name_key IN (${list})`, keys);
  }
  for (const row of rows) {
    const version = text(row.version);
    const key = packageKey(text(row.purl));
    if (range && !versionInRange(key ? ecosystemOfPurlType(key.type) : undefined, version, range)) continue;
    ids.set(int(row.id), { purl: text(row.purl), version });
  }
  return { ids };
}

/** `name@range`; an npm scope's leading `@` belongs to the name. */
export function splitNameRange(spec: string): { name: string; range: string } {
  const text = spec.trim();
  const at = text.indexOf('@', 1);
  return at < 0 ? { name: text, range: '' } : { name: text.slice(0, at).trim(), range: text.slice(at + 1).trim() };
}
