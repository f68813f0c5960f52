import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';
import { FIXTURES, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const STORE_FIXTURES = join(FIXTURES, 'store');
const TRUSTED_ROOT = join(FIXTURES, 'sigstore/trust/trusted_root.public-good.json');

/** npm's SLSA provenance bundle for sigstore@1.0.0, as a bundle file. */
function provenanceBundle(): string {
  const answer = JSON.parse(readFileSync(join(FIXTURES, 'sigstore/npm-attestations/valid-sigstore-attestations.json'), 'utf8')) as { attestations: Array<{ predicateType: string; bundle: unknown }> };
  return JSON.stringify(answer.attestations.find((a) => a.predicateType === 'https://slsa.dev/provenance/v0.2')!.bundle);
}

describe('chainsight ingest', function () {
  let dir: string;
  let store: string;
  const workspaces: TempWorkspace[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chainsight-ingest-'));
    store = join(dir, 'chainsight.db');
  });
  afterEach(() => {
    for (const ws of workspaces.splice(0)) ws.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const folder = (files: Record<string, string | { copyFrom: string }>) => {
    const ws = tempWorkspace(files);
    workspaces.push(ws);
    return ws;
  };

  it('ingests a folder of real documents; a malformed one gets file:line:column and exit 2, the rest are stored once', async () => {
    const ws = folder({
      'docs/bom.json': { copyFrom: join(STORE_FIXTURES, 'sbom/bom-examples.bom.json') },
      'docs/vex.json': { copyFrom: join(STORE_FIXTURES, 'vex/bom-examples.vex.json') },
      'docs/broken.cdx.json': '{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.6",\n  "components": [\n',
    });
    const first = await runCli(['ingest', 'docs', '--store', store, '--format', 'json'], { cwd: ws.root });
    assert.equal(first.code, 2);
    assert.match(first.stderr, /^docs\/broken\.cdx\.json:\d+:\d+: error: /m);
    assert.doesNotMatch(first.stderr, /\n\s+at /);
    const answer = JSON.parse(first.stdout) as { schemaVersion: number; results: Array<{ file: string; status: string; kind?: string; errors?: Array<{ line: number }> }> };
    assert.deepEqual(answer.results.map((r) => [r.file, r.status, r.kind ?? '']), [
      ['docs/bom.json', 'added', 'sbom'],
      ['docs/broken.cdx.json', 'error', ''],
      ['docs/vex.json', 'added', 'vex'],
    ]);
    assert.ok(answer.results[1]!.errors![0]!.line >= 4, 'the position is where the text breaks off');
    const again = await runCli(['ingest', 'docs/bom.json', 'docs/vex.json', '--store', store], { cwd: ws.root });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /0 added, 2 already in the store, 0 failed\./);
    const vuln = JSON.parse((await runCli(['query', 'vuln', 'CVE-2020-25649', '--store', store, '--format', 'json'])).stdout) as { results: Array<{ subject: { name: string }; vex?: { status: string; justification: string } }> };
    assert.deepEqual(vuln.results.map((r) => [r.subject.name, r.vex?.status, r.vex?.justification]), [['com.example:example-app', 'not_affected', 'vulnerable_code_not_in_execute_path']]);
  });

  const BUNDLES: Array<{ name: string; args: string[]; want: string }> = [
    { name: 'verified against the --trusted-root file', args: ['--trusted-root', TRUSTED_ROOT], want: 'verified' },
    { name: 'unverified with --offline and no root file', args: ['--offline'], want: 'unverified' },
  ];
  for (const row of BUNDLES) {
    it(`a Sigstore bundle, ${row.name}`, async () => {
      const ws = folder({ 'sigstore-1.0.0.sigstore.json': provenanceBundle() });
      const result = await runCli(['ingest', ws.path('sigstore-1.0.0.sigstore.json'), '--store', store, ...row.args]);
      assert.equal(result.code, 0, result.stderr);
      const export_ = JSON.parse((await runCli(['export', '--format', 'guac', '--store', store])).stdout) as { hasSlsa: Array<{ HasSlsa: { slsaPredicate: Array<{ key: string; value: string }> } }> };
      assert.equal(export_.hasSlsa[0]!.HasSlsa.slsaPredicate.find((p) => p.key === 'chainsight.verification')?.value, row.want);
    });
  }

  it('usage: a missing trusted root file', async () => {
    const result = await runCli(['ingest', '.', '--store', store, '--trusted-root', join(dir, 'nope.json')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no such trusted root file/);
  });
});
