import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Agent } from 'undici';
import { scanFolder } from '../../../server/src/analysis/scan';
import type { WorkspaceAnalysis } from '../../../server/src/analysis/workspace-analysis';
import { createLocalSource } from '../../../server/src/osv/local-source';
import { CelLanguage } from '../../../server/src/policy/cel';
import { withBuiltins } from '../../../server/src/policy/builtin';
import { readPolicyFile } from '../../../server/src/policy/policy-file';
import { applyTriage } from '../../../server/src/triage/apply';
import { extrasFrom, extrasKey, lockedScripts, lockfileExtras, previousInstallScripts } from '../../../server/src/triage/package-extras';
import { npmReleaseTimes } from '../../../server/src/triage/release-times';
import { VexIndex } from '../../../server/src/vex/statement-index';
import { provenanceWorkspace, UNRELATED_OSV_RECORD, type ProvenanceWorkspace } from '../../support/provenance-workspace';
import { FIXTURE_LOCK_ENTRIES, startRegistryServer, type RegistryServer } from '../../support/registry-server';

const DAY = 86_400_000;
/** sigstore@1.0.0's publish time, as the local registry's packument `time` says. */
const SIGSTORE_PUBLISHED = Date.parse('2023-02-09T17:56:00.000Z');
const POLICY = `version: 1
rules:
  - id: cooldown
    name: Released less than a week ago
    subject: package
    when: has(pkg.releaseAgeDays) && pkg.releaseAgeDays < 7
    action: error
  - id: new-install-scripts
    name: Install scripts appeared
    subject: package
    when: has(pkg.newInstallScripts) && pkg.newInstallScripts
    action: error
  - id: install-scripts
    name: Runs install scripts
    subject: package
    when: has(pkg.installScripts) && pkg.installScripts
    action: warn
`;

/**
 * The package facts the scan does not have, from where they really come: publish times from the
 * packument's `time` (served by the local registry), install scripts from package-lock's
 * `hasInstallScript` and the lockfile seen before; then policy rules on them.
 */
describe('triage: release age and install scripts for the policy', function () {
  let registry: RegistryServer;
  let ws: ProvenanceWorkspace;
  let agent: Agent;
  let analysis: WorkspaceAnalysis;
  const sigstore = FIXTURE_LOCK_ENTRIES.find((e) => e.name === 'sigstore' && e.version === '1.0.0')!;
  const tuf = FIXTURE_LOCK_ENTRIES.find((e) => e.name === 'tuf-js' && e.version === '1.0.0')!;

  before(async () => {
    registry = await startRegistryServer();
    ws = provenanceWorkspace(registry.url, [sigstore, tuf]);
    // tuf-js runs an install script in this lockfile (package-lock v2+ `hasInstallScript`).
    const lock = JSON.parse(readFileSync(ws.path('package-lock.json'), 'utf8'));
    lock.packages['node_modules/tuf-js'].hasInstallScript = true;
    lock.packages['node_modules/tuf-js'].license = 'MIT';
    ws.write('package-lock.json', JSON.stringify(lock, null, 2));
    ws.write('osv/unrelated.json', UNRELATED_OSV_RECORD);
    analysis = (await scanFolder(ws.root, createLocalSource(ws.path('osv')))).analysis;
    agent = new Agent();
  });
  after(async () => {
    await agent.close();
    await registry.close();
    ws.dispose();
  });

  it('publish times come from the full packument, asked of the registry npm would use', async () => {
    const lockfiles = analysis.units.map((u) => u.unit.lockfile!);
    const times = await npmReleaseTimes(lockfiles, { http: { dispatcher: agent }, trusted: true, env: ws.env, timeoutMs: 5_000 });
    assert.equal(times.get(extrasKey('npm', 'sigstore', '1.0.0')), new Date(SIGSTORE_PUBLISHED).toISOString());
    assert.ok(registry.requests.includes('GET /sigstore'));
    // Already known: not asked again.
    const before = registry.requests.length;
    const again = await npmReleaseTimes(lockfiles, { http: { dispatcher: agent }, trusted: true, env: ws.env }, times);
    assert.equal(again.size, 0);
    assert.equal(registry.requests.length, before);
  });

  it('package-lock records install scripts and licences per entry', () => {
    const locked = lockfileExtras(analysis);
    assert.deepEqual(locked.get(extrasKey('npm', 'tuf-js', '1.0.0')), { installScripts: true, license: 'MIT' });
    assert.deepEqual(locked.get(extrasKey('npm', 'sigstore', '1.0.0')), { installScripts: false });
  });

  const ROWS: Array<{ name: string; days: number; previous?: Array<{ name: string; version: string; installScripts?: boolean }>; want: Record<string, string | undefined> }> = [
    { name: 'three days after sigstore was published: the cooldown rule refuses it', days: 3, want: { sigstore: 'cooldown', 'tuf-js': 'install-scripts' } },
    { name: 'a year later: released long enough ago', days: 365, want: { sigstore: undefined, 'tuf-js': 'install-scripts' } },
    { name: 'the lockfile before had tuf-js 0.9 without scripts: scripts are new', days: 365, previous: [{ name: 'tuf-js', version: '0.9.0', installScripts: false }, { name: 'sigstore', version: '1.0.0', installScripts: false }], want: { sigstore: undefined, 'tuf-js': 'new-install-scripts' } },
    { name: 'the same version had scripts before: not new', days: 365, previous: [{ name: 'tuf-js', version: '1.0.0', installScripts: true }, { name: 'sigstore', version: '1.0.0', installScripts: false }], want: { sigstore: undefined, 'tuf-js': 'install-scripts' } },
  ];
  for (const row of ROWS) {
    it(row.name, () => {
      const read = readPolicyFile(POLICY, '/p/policy.yaml', new CelLanguage());
      assert.ok(read.ok);
      const published = new Map([[extrasKey('npm', 'sigstore', '1.0.0'), new Date(SIGSTORE_PUBLISHED).toISOString()]]);
      const lockPath = analysis.units[0]!.unit.lockfile!.path;
      const previous = row.previous ? new Map([[lockPath, lockedScripts(row.previous.map((p) => ({ ...p, source: 'registry' })))]]) : undefined;
      const extras = extrasFrom({ locked: lockfileExtras(analysis), published, ...(previous ? { previous } : {}) });
      const triage = applyTriage(analysis, { statements: new VexIndex([]), policy: withBuiltins(read.rules, '/p/policy.yaml', {}), now: SIGSTORE_PUBLISHED + row.days * DAY, ...(extras ? { extras } : {}) });
      const got = Object.fromEntries(['sigstore', 'tuf-js'].map((name) => [name, triage.policy.packages.find((p) => p.name === name)?.result.ruleId]));
      assert.deepEqual(got, row.want);
    });
  }

  const PREVIOUS: Array<[string, Array<{ version: string; installScripts?: boolean }> | undefined, boolean | undefined]> = [
    ['not locked before: nothing ran for it, so scripts now are new', undefined, false],
    ['the same version, with scripts', [{ version: '1.0.0', installScripts: true }], true],
    ['another version, without', [{ version: '0.9.0', installScripts: false }], false],
    ['another version, not recorded', [{ version: '0.9.0' }], undefined],
  ];
  for (const [name, before, want] of PREVIOUS) {
    it(`previous install scripts: ${name}`, () => {
      const map = new Map(before ? [['pkg', before]] : []);
      assert.equal(previousInstallScripts(map, 'pkg', '1.0.0'), want);
    });
  }
});
