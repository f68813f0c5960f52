import type { Subject, VexVerdict } from './answers';
import { packageKey } from './purls';
import { vulnQuery } from './query-vuln';
import { whoUses } from './query-who-uses';
import type { SqlDialect, SqlSession } from './sql/executor';

export interface ContextQuery {
  /** The package under the cursor (with or without version). */
  purl: string;
  /** Its findings' ids, for VEX said about them elsewhere. */
  vulnerabilities?: readonly string[];
  /** The project the editor shows (left out of `usedBy`). */
  excludeProject?: string;
}

export interface StoreContext {
  /** Other current subjects that contain the package, any version. */
  usedBy: Array<{ subject: Subject; version: string; direct: boolean }>;
  /** VEX verdicts on this package's findings in other subjects. */
  vex: Array<{ subject: Subject; version: string; vulnerability: string; vex: VexVerdict }>;
}

/**
 * The hover's "Across your store" section in one read: where else the package is used (each
 * project's latest snapshot and every SBOM) and what VEX says about its findings there.
 */
export async function storeContext(s: SqlSession, d: SqlDialect, query: ContextQuery): Promise<StoreContext> {
  const key = packageKey(query.purl);
  if (!key) return { usedBy: [], vex: [] };
  const elsewhere = (subject: Subject) => !(subject.kind === 'project' && subject.name === query.excludeProject);
  const users = await whoUses(s, d, { package: key.purl.split('@')[0]!.split(/[?#]/)[0]!, paths: false });
  const usedBy = users.results.filter((r) => elsewhere(r.subject)).map((r) => ({ subject: r.subject, version: r.package.version, direct: r.direct }));
  const vex: StoreContext['vex'] = [];
  for (const id of new Set(query.vulnerabilities ?? [])) {
    for (const r of (await vulnQuery(s, d, { id })).results) {
      const same = packageKey(r.package.purl)?.base === key.base;
      if (same && r.vex && elsewhere(r.subject)) vex.push({ subject: r.subject, version: r.package.version, vulnerability: r.vulnerability.id, vex: r.vex });
    }
  }
  return { usedBy, vex };
}
