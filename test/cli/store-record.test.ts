import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const EXAMPLE = join(__dirname, '../../examples/npm-app');
const DATA = join(EXAMPLE, 'osv');
const COMMIT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3';

describe('chainsight scan --record', () => {
  let dir: string;
  let store: string;
  const workspaces: TempWorkspace[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chainsight-record-'));
    store = join(dir, 'chainsight.db');
  });
  afterEach(() => {
    for (const ws of workspaces.splice(0)) ws.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const app = (files: Record<string, string | { copyFrom: string }> = { app: { copyFrom: EXAMPLE } }) => {
    const ws = tempWorkspace(files);
    workspaces.push(ws);
    return ws.path('app');
  };
  const status = async () => JSON.parse((await runCli(['store', 'status', '--store', store, '--format', 'json'])).stdout) as { results: Array<{ projects: Array<{ name: string; snapshots: number; latest?: { commit?: string } }> }> };

  it('records the project at the commit given, and says so on stderr (stdout stays the report)', async () => {
    const result = await runCli(['scan', app(), '--osv-data', DATA, '--record', '--commit', COMMIT, '--store', store, '--format', 'json']);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(JSON.parse(result.stdout).schemaVersion, 1);
    assert.match(result.stderr, /chainsight: recorded npm-app @ 0a1b2c3d4e5f in the store \(51 packages, \d+ findings\)/);
    assert.deepEqual((await status()).results[0]!.projects.map((p) => [p.name, p.snapshots, p.latest?.commit]), [['npm-app', 1, COMMIT]]);
  });

  it('--project names it; recording the same commit again replaces the snapshot', async () => {
    const folder = app();
    for (let i = 0; i < 2; i++) await runCli(['scan', folder, '--osv-data', DATA, '--record', '--project', 'billing', '--commit', COMMIT, '--store', store, '--fail-on', 'none']);
    assert.deepEqual((await status()).results[0]!.projects.map((p) => [p.name, p.snapshots]), [['billing', 1]]);
  });

  it('reads the commit from .git when none is given', async () => {
    const folder = app({ app: { copyFrom: EXAMPLE }, 'app/.git/HEAD': `${COMMIT}\n` });
    const result = await runCli(['scan', folder, '--osv-data', DATA, '--record', '--store', store, '--fail-on', 'none']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal((await status()).results[0]!.projects[0]!.latest?.commit, COMMIT);
  });

  it('does not record a scan that could not read every file', async () => {
    const folder = app({ 'app/package.json': '{"name":"broken","dependencies":{"a":"1.0.0"}}', 'app/package-lock.json': '{ "lockfileVersion": 3, "packages": {' });
    const result = await runCli(['scan', folder, '--osv-data', DATA, '--record', '--store', store]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /not recorded in the store: 1 dependency file could not be read/);
    assert.deepEqual((await status()).results[0]!.projects, []);
  });

  const USAGE: Array<{ name: string; args: string[]; message: RegExp }> = [
    { name: '--project without --record', args: ['--project', 'x'], message: /--project needs --record/ },
    { name: 'a --commit that is not a hash', args: ['--record', '--commit', 'main'], message: /--commit must be a commit hash/ },
    { name: 'a --keep that is not a count', args: ['--record', '--keep', '0'], message: /--keep must be a whole number of at least 1/ },
  ];
  for (const row of USAGE) {
    it(`usage error: ${row.name}`, async () => {
      const result = await runCli(['scan', app(), '--osv-data', DATA, '--store', store, ...row.args]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, row.message);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    });
  }

  it('keeps at most --keep snapshots', async () => {
    const folder = app();
    for (const c of ['1', '2', '3']) await runCli(['scan', folder, '--osv-data', DATA, '--record', '--commit', c.repeat(40), '--keep', '2', '--store', store, '--fail-on', 'none']);
    assert.deepEqual((await status()).results[0]!.projects.map((p) => [p.snapshots, p.latest?.commit]), [[2, '3'.repeat(40)]]);
  });
});
