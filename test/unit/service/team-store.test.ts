import assert from 'node:assert/strict';
import * as path from 'node:path';
import { TEAM_RETRY_MS, TeamStore } from '../../../server/src/service/team-store';
import { LayeredVulnerabilityData } from '../../../server/src/store/layered-vulnerability-data';
import type { MetadataStore } from '../../../server/src/store/metadata-store';
import { openGraphStore } from '../../../server/src/store/open-graph-store';
import { openStore } from '../../../server/src/store/open-store';
import { startPostgres, type PostgresServer } from '../../support/postgres-server';
import { tempDirs } from '../store/temp-store';

/**
 * The team store as one editor process holds it, against a real cluster that goes down and comes
 * back: the status state says which, the user is told once per failure, a scan does not wait on a
 * server that just failed, and the next use after the retry interval reconnects without a restart.
 */
describe('service/team-store', function () {
  this.timeout(180_000);
  const dirs = tempDirs();
  let server: PostgresServer;
  let embedded: MetadataStore;
  let clock: number;
  let notices: string[];
  let asked: string[];
  let team: TeamStore;
  let url: string;

  before(async () => {
    // Durable: the server is killed mid-test, and what was committed before must survive the crash.
    server = await startPostgres({ durable: true });
    server.psql('CREATE DATABASE team');
    url = server.url('team');
    await (await openGraphStore({ kind: 'postgres', url }, { postgres: { password: server.password } })).close();
  });
  after(async () => {
    await server?.stop();
    dirs.cleanup();
  });
  beforeEach(async () => {
    embedded = await openStore(path.join(dirs.make(), 'chainsight.db'));
    clock = 1_000_000;
    notices = [];
    asked = [];
    // The password only from the client's secret storage: no PGPASSWORD in this process.
    team = new TeamStore({ embedded: async () => embedded, password: async (location) => (asked.push(location), server.password), notify: (m) => notices.push(m), now: () => clock, connectTimeoutMs: 2_000 });
  });
  afterEach(async () => {
    await team.dispose();
    await embedded.close();
  });

  it('down, still down, back: the state and the notices follow, and the store is used again after the retry interval', async () => {
    assert.ok(await team.vulnerabilityData(url), 'the team store answers');
    assert.deepEqual(team.state(), { location: url });
    assert.deepEqual(asked, [url], 'the password was asked for the redacted location');

    server.kill();
    const layered = new LayeredVulnerabilityData(embedded, () => team.vulnerabilityData(url), url, team.health());
    const lookup = await layered.offlineRecordsFor(['pkg:npm/lodash']);
    assert.deepEqual(lookup.generations, [], 'the embedded store answered alone');
    assert.ok(team.state()?.error, 'the status says the team store does not answer');
    assert.equal(await team.vulnerabilityData(url), undefined, 'within the retry interval a scan does not wait on it');

    clock += TEAM_RETRY_MS;
    assert.equal(await team.vulnerabilityData(url), undefined);
    assert.match(team.state()?.error ?? '', /ECONNREFUSED|cannot reach/);
    assert.equal(notices.length, 1, notices.join('\n'));
    assert.match(notices[0]!, /not available .*this window uses the embedded store/);
    clock += TEAM_RETRY_MS;
    assert.equal(await team.vulnerabilityData(url), undefined);
    assert.equal(notices.length, 1, 'a store that stays down is announced once');

    await server.restart();
    clock += TEAM_RETRY_MS;
    assert.ok(await team.vulnerabilityData(url), `reconnected without a restart: ${JSON.stringify(team.state())}`);
    assert.deepEqual(team.state(), { location: url });
    assert.equal((await team.open(url)).store.kind, 'postgres');
  });

  it('no team store configured: the embedded store answers and the status has nothing to say', async () => {
    assert.equal(await team.vulnerabilityData(''), undefined);
    assert.equal((await team.open('')).store.kind, 'file');
    assert.equal(team.state(), undefined);
    assert.deepEqual(asked, []);
  });
});
