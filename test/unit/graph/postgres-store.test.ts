import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { SupplyChainGraph } from '../../../server/src/graph/graph-store';
import { openGraphStore, type GraphStore } from '../../../server/src/store/open-graph-store';
import { startPostgres, type PostgresServer } from '../../support/postgres-server';
import type { TempWorkspace } from '../../support/temp-workspace';
import { tempDirs } from '../store/temp-store';
import { VULN, WHO_USES } from './query-table';
import { APP_AFTER, APP_BEFORE, fillGraphs, GOOF_V1, steppingClock } from './store-fixture';

/** Every question of the query tables, and the other question kinds, as (name, ask) pairs. */
const QUESTIONS: Array<[string, (g: SupplyChainGraph) => Promise<unknown>]> = [
  ...WHO_USES.map((row): [string, (g: SupplyChainGraph) => Promise<unknown>] => [`who-uses ${row.query}${row.history ? ' --history' : ''}`, (g) => g.whoUses({ package: row.query, ...(row.history ? { history: true } : {}) })]),
  ...VULN.map((row): [string, (g: SupplyChainGraph) => Promise<unknown>] => [`vuln ${row.id}${row.history ? ' --history' : ''}`, (g) => g.vuln({ id: row.id, ...(row.history ? { history: true } : {}) })]),
  ['who-uses lodash --history without paths', (g) => g.whoUses({ package: 'lodash', history: true, paths: false })],
  ['project goof', (g) => g.project({ project: 'goof' })],
  ['project goof at its first commit', (g) => g.project({ project: 'goof', commit: GOOF_V1.slice(0, 7) })],
  ['project signed-app', (g) => g.project({ project: 'signed-app' })],
  ['diff npm-app', (g) => g.diff({ project: 'npm-app', from: APP_BEFORE.slice(0, 8), to: APP_AFTER })],
  ['diff npm-app backwards', (g) => g.diff({ project: 'npm-app', from: APP_AFTER, to: APP_BEFORE })],
  ['provenance', (g) => g.provenance({})],
  ['provenance --invalid', (g) => g.provenance({ invalid: true })],
  ['context of lodash 4.17.4', (g) => g.context({ purl: 'pkg:npm/lodash@4.17.4', vulnerabilities: ['CVE-2020-8203'], excludeProject: 'npm-app' })],
  ['status', (g) => g.status()],
  ['an unknown project (the error)', (g) => g.project({ project: 'nope' }).catch((err: Error) => ({ error: err.message }))],
  ['a commit never recorded (the error)', (g) => g.project({ project: 'goof', commit: 'deadbeef' }).catch((err: Error) => ({ error: err.message }))],
];

/** Times differ between the two runs only through the clock, which both share from the same start. */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('the team store on PostgreSQL: the same questions, the same JSON as the embedded store', function () {
  this.timeout(300_000);
  const dirs = tempDirs();
  let server: PostgresServer;
  let embedded: GraphStore;
  let team: GraphStore;
  const workspaces: TempWorkspace[] = [];

  before(async () => {
    server = await startPostgres();
    server.psql('CREATE DATABASE graph');
    embedded = await openGraphStore({ kind: 'file', path: path.join(dirs.make(), 'chainsight.db') }, { now: steppingClock() });
    team = await openGraphStore({ kind: 'postgres', url: server.url('graph') }, { now: steppingClock(), postgres: { password: server.password } });
    workspaces.push(...(await fillGraphs([embedded.graph, team.graph])));
  });
  after(async () => {
    await team?.close();
    await embedded?.close();
    await server?.stop();
    for (const ws of workspaces) ws.dispose();
    dirs.cleanup();
  });

  for (const [name, ask] of QUESTIONS) {
    it(name, async () => {
      const [want, got] = [asJson(await ask(embedded.graph)), asJson(await ask(team.graph))];
      assert.deepEqual(got, want);
    });
  }

  it('the answers are not empty: the comparison compares something', async () => {
    assert.equal((await team.graph.project({ project: 'goof' })).results[0]!.packages.length, 980);
    assert.equal((await team.graph.status()).projects.length, 4);
  });
});
