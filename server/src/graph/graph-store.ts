import type { SupplyChainDocument } from '../documents/types';
import type { Answer, DiffResult, ProjectResult, ProvenanceResult, VulnResult, WhoUsesResult } from './answers';
import { documentFacts } from './document-facts';
import type { FactBundle } from './facts';
import { forgetTarget, type ForgetResult } from './forget';
import { collectGarbage, noCandidates, removeOrigins, type NodeCandidates } from './remove-origins';
import { scanFacts, type ScanSnapshot } from './scan-facts';
import type { ProjectIdentity } from '../projects/project-identity';
import { int, type SqlExecutor, type SqlSession } from './sql/executor';
import { writeFacts } from './write-facts';
import { graphStatus, type GraphStatus } from './status';
import { whoUses, type WhoUsesQuery } from './query-who-uses';
import { vulnQuery, type VulnQuery } from './query-vuln';
import { projectQuery, type ProjectQuery } from './query-project';
import { provenanceQuery, type ProvenanceQuery } from './query-provenance';
import { diffQuery, type DiffQuery } from './query-diff';
import { storeContext, type ContextQuery, type StoreContext } from './query-context';

/** How many snapshots of one project the store keeps by default (the oldest go first). */
export const DEFAULT_HISTORY_LIMIT = 50;

export interface GraphOptions {
  /** Snapshots kept per project; re-recording a commit replaces its snapshot. Default 50. */
  historyLimit?: number;
  now?: () => number;
}

export interface RecordResult {
  origin: number;
  project: string;
  commit?: string;
  /** A snapshot of the same commit was replaced. */
  replaced: boolean;
  /** Older snapshots dropped to keep the history within its limit. */
  evicted: number;
  packages: number;
  findings: number;
}

export interface IngestResult {
  /** `added`, or `unchanged` when a document with the same digest is already in the store. */
  status: 'added' | 'unchanged';
  origin: number;
  kind: SupplyChainDocument['kind'];
  counts: { packages: number; dependencies: number; statements: number; attestations: number };
}

/**
 * The aggregated metadata graph over any SQL executor: records scans, ingests documents, forgets
 * them, and answers the questions. Every write is one transaction; node garbage is collected in a
 * second one (so a PostgreSQL server can lock it apart from concurrent writers).
 */
export class SupplyChainGraph {
  private readonly historyLimit: number;
  private readonly now: () => number;

  constructor(
    private readonly sql: SqlExecutor,
    options: GraphOptions = {},
  ) {
    this.historyLimit = Math.max(1, Math.floor(options.historyLimit ?? DEFAULT_HISTORY_LIMIT));
    this.now = options.now ?? Date.now;
  }

  /** Records a scan as the project's snapshot at its commit, replacing an earlier one of that commit. */
  recordScan(snapshot: ScanSnapshot): Promise<RecordResult> {
    return this.recordSnapshot(snapshot.project, scanFacts(snapshot));
  }

  /** Records what a scan taught (scanFacts) for a project; recordScan's second half, used by the bench too. */
  async recordSnapshot(project: ProjectIdentity, bundle: FactBundle): Promise<RecordResult> {
    const candidates = noCandidates();
    const result = await this.write(`project:${project.name}`, async (s) => {
      const d = this.sql.dialect;
      const [row] = await s.all(
        d.statement('INSERT INTO g_project (name, path, remote) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET path = excluded.path, remote = excluded.remote RETURNING id'),
        [project.name, project.path, project.remoteUrl ?? ''],
      );
      const projectId = int(row!.id);
      const same = await s.all(d.statement('SELECT id FROM g_origin WHERE project = ? AND commit_sha = ?'), [projectId, bundle.origin.commit ?? '']);
      await removeOrigins(s, d, same.map((r) => int(r.id)), candidates);
      const origin = await writeFacts(s, d, bundle, { learnedAt: this.now(), project: projectId });
      await s.run(d.statement('UPDATE g_project SET latest = ? WHERE id = ?'), [origin, projectId]);
      const history = await s.all(d.statement('SELECT id FROM g_origin WHERE project = ? ORDER BY learned_at DESC, id DESC'), [projectId]);
      const evicted = history.slice(this.historyLimit).map((r) => int(r.id));
      await removeOrigins(s, d, evicted, candidates);
      return { origin, replaced: same.length > 0, evicted: evicted.length };
    });
    await this.collect(candidates);
    return {
      ...result,
      project: project.name,
      ...(bundle.origin.commit ? { commit: bundle.origin.commit } : {}),
      packages: new Set(bundle.deps.map((dep) => dep.pkg)).size,
      findings: new Set(bundle.certVulns.map((c) => `${c.pkg} ${c.vuln}`)).size,
    };
  }

  /** Stores what a document says; the same document (by digest) a second time adds nothing. */
  async ingest(doc: SupplyChainDocument): Promise<IngestResult> {
    const bundle = documentFacts(doc);
    const digest = doc.origin.digest;
    const outcome = await this.write(`document:${digest}`, async (s) => {
      const d = this.sql.dialect;
      const [held] = await s.all(d.statement('SELECT id FROM g_origin WHERE digest = ?'), [digest]);
      if (held) return { status: 'unchanged' as const, origin: int(held.id) };
      return { status: 'added' as const, origin: await writeFacts(s, d, bundle, { learnedAt: this.now() }) };
    });
    return { ...outcome, kind: doc.kind, counts: countsOf(bundle) };
  }

  /** Removes a document's or a project's facts, and the nodes nothing else references. */
  async forget(target: string, kind?: 'document' | 'project'): Promise<ForgetResult> {
    const candidates = noCandidates();
    const result = await this.write(`forget:${target}`, (s) => forgetTarget(s, this.sql.dialect, target, kind, candidates));
    return { ...result, nodesRemoved: await this.collect(candidates) };
  }

  whoUses(query: WhoUsesQuery): Promise<Answer<WhoUsesQuery, WhoUsesResult>> {
    return this.read((s) => whoUses(s, this.sql.dialect, query));
  }

  vuln(query: VulnQuery): Promise<Answer<VulnQuery, VulnResult>> {
    return this.read((s) => vulnQuery(s, this.sql.dialect, query));
  }

  project(query: ProjectQuery): Promise<Answer<ProjectQuery, ProjectResult>> {
    return this.read((s) => projectQuery(s, this.sql.dialect, query));
  }

  provenance(query: ProvenanceQuery): Promise<Answer<ProvenanceQuery, ProvenanceResult>> {
    return this.read((s) => provenanceQuery(s, this.sql.dialect, query));
  }

  diff(query: DiffQuery): Promise<Answer<DiffQuery, DiffResult>> {
    return this.read((s) => diffQuery(s, this.sql.dialect, query));
  }

  /** The hover's "Across your store": other subjects using the package, and VEX on its findings there. */
  context(query: ContextQuery): Promise<StoreContext> {
    return this.read((s) => storeContext(s, this.sql.dialect, query));
  }

  status(): Promise<GraphStatus> {
    return this.read(async (s) => ({ ...(await graphStatus(s, this.sql.dialect)), historyLimit: this.historyLimit }));
  }

  /** Runs a read-only unit (for callers composing their own questions, e.g. the GUAC export). */
  read<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.sql.transaction(fn, { readOnly: true });
  }

  get dialect() {
    return this.sql.dialect;
  }

  /** One write transaction, serialised with other writers of `key` and kept apart from garbage collection. */
  private write<T>(key: string, fn: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.sql.transaction(async (s) => {
      for (const lock of [this.sql.dialect.lockStatement('graph-gc', 'shared'), this.sql.dialect.lockStatement(key, 'exclusive')]) {
        if (lock) await s.all(this.sql.dialect.statement(lock.sql), lock.params);
      }
      return fn(s);
    });
  }

  private async collect(candidates: NodeCandidates): Promise<number> {
    if (Object.values(candidates).every((set: Set<number>) => set.size === 0)) return 0;
    return this.sql.transaction(async (s) => {
      const lock = this.sql.dialect.lockStatement('graph-gc', 'exclusive');
      if (lock) await s.all(this.sql.dialect.statement(lock.sql), lock.params);
      return collectGarbage(s, this.sql.dialect, candidates);
    });
  }
}

function countsOf(bundle: FactBundle): IngestResult['counts'] {
  return { packages: new Set(bundle.deps.map((d) => d.pkg)).size, dependencies: bundle.deps.filter((d) => d.rel !== 0).length, statements: bundle.vex.length, attestations: bundle.slsa.length + bundle.meta.length };
}
