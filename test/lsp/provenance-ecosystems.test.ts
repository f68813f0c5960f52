import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { reportRequest, type ReportResult } from '../../server/src/protocol';
import { fileUri, LspTestClient } from '../support/lsp-client';
import { TRUSTED_ROOT, UNRELATED_OSV_RECORD } from '../support/provenance-workspace';
import { DISTRIBUTIONS, startPypiIndexServer, uvLockFor, type PypiIndexServer } from '../support/pypi-index-server';
import { startSumdbServer, type SumdbServer } from '../support/sumdb-server';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const text = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const HUGO_SUM = readFileSync(join(__dirname, '../fixtures/ecosystems/go/realworld/hugo-2021-go/go.sum'), 'utf8');
const GO_SUM = `${HUGO_SUM.split('\n').filter((l) => l.startsWith('github.com/')).slice(0, 40).join('\n')}\n`;
/** Two modules go.sum has the code of (not only the go.mod), as go.mod requires them. */
const REQUIRED = GO_SUM.split('\n').filter((l) => l && !l.includes('/go.mod ')).slice(0, 2).map((l) => l.split(' ') as [string, string, string]);

/** The user's own environment: no index or database from it, no proxy, a private store. */
const ENV: NodeJS.ProcessEnv = { ...process.env, PIP_INDEX_URL: '', UV_INDEX_URL: '', UV_DEFAULT_INDEX: '', GOSUMDB: '', GOENV: 'off', GOPRIVATE: '', GONOSUMDB: '', GOFLAGS: '', HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '' };

describe('language server: PyPI attestations and the Go checksum database', function () {
  let ws: TempWorkspace;
  let client: LspTestClient;
  let index: PypiIndexServer | undefined;
  let sumdb: SumdbServer | undefined;

  afterEach(async () => {
    await client?.stop();
    await index?.close();
    await sumdb?.close();
    index = undefined;
    sumdb = undefined;
    ws?.dispose();
  });

  async function start(files: Record<string, string>, provenance: Record<string, unknown>): Promise<void> {
    ws = tempWorkspace({ ...files, 'osv/CHAINSIGHT-TEST-0001.json': UNRELATED_OSV_RECORD });
    client = await LspTestClient.start(ws.root, { osv: { offlineData: './osv' }, sigstore: { trustedRoot: TRUSTED_ROOT }, provenance: { enable: true, ...provenance } }, { env: ENV });
    await client.waitForStatus((s) => s.provenance?.state === 'done');
  }

  async function hover(file: string, needle: string): Promise<string> {
    const source = readFileSync(ws.path(file), 'utf8').split('\n');
    const line = source.findIndex((l) => l.includes(needle));
    const result = await client.hover(fileUri(ws.path(file)), { line, character: source[line]!.indexOf(needle) + 1 });
    return (result?.contents as { value: string }).value;
  }

  function pyproject(names: string[]): Record<string, string> {
    const pins = DISTRIBUTIONS.filter((d) => names.includes(d.project));
    return {
      'pyproject.toml': `[project]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n${pins.map((d) => `  "${d.project}==${d.version}",\n`).join('')}]\n`,
    };
  }

  function appLock(names: string[], url: string, tamper?: string): string {
    const pins = DISTRIBUTIONS.filter((d) => names.includes(d.project));
    const app = `[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { editable = "." }\ndependencies = [\n${pins.map((d) => `  { name = "${d.project}" },\n`).join('')}]\n\n`;
    return uvLockFor(pins, url, tamper).replace('requires-python = ">=3.9"\n', `requires-python = ">=3.9"\n\n${app}`);
  }

  it('PyPI: the hover names the Trusted Publisher with links; a publisher-less attestation is not provenance', async () => {
    index = await startPypiIndexServer('normal');
    const names = ['pypi-attestations', 'sampleproject'];
    await start({ ...pyproject(names), 'uv.lock': appLock(names, index.url) }, { pypiIndexUrl: index.url });
    const value = await hover('pyproject.toml', 'pypi-attestations==');
    assert.match(value, /Provenance ✓ published by \[github\.com\/trailofbits\/pypi-attestations\]\(https:\/\/github\.com\/trailofbits\/pypi-attestations\) via \.github\/workflows\/release\.yml \(Trusted Publishing\) — \[Rekor #\d+\]\(https:\/\/search\.sigstore\.dev\/\?logIndex=\d+\)/);
    assert.match(await hover('pyproject.toml', 'sampleproject=='), /Provenance — none: sampleproject-3\.0\.0\.tar\.gz: signed by 919436158236-compute@developer\.gserviceaccount\.com/);
    const report = await client.request<ReportResult>(reportRequest.method, undefined);
    assert.deepEqual(report.provenanceCoverage, [{ project: 'uv.lock', ecosystem: 'PyPI', packages: 2, verified: 1 }]);
    assert.deepEqual(report.provenance?.map((r) => [r.ecosystem, r.name, r.provenance]), [['PyPI', 'pypi-attestations', 'verified'], ['PyPI', 'sampleproject', 'none']]);
  });

  it('PyPI: a tampered sha256 in uv.lock is an Error; requireProvenance flags a package without it', async () => {
    index = await startPypiIndexServer('normal');
    const names = ['pypi-attestations', 'sampleproject'];
    ws = tempWorkspace({ ...pyproject(names), 'uv.lock': appLock(names, index.url, 'pypi-attestations'), 'osv/CHAINSIGHT-TEST-0001.json': UNRELATED_OSV_RECORD });
    client = await LspTestClient.start(ws.root, { osv: { offlineData: './osv' }, sigstore: { trustedRoot: TRUSTED_ROOT }, provenance: { enable: true, pypiIndexUrl: index.url }, policy: { requireProvenance: ['sample*'] } }, { env: ENV });
    const lock = await client.waitForDiagnostics(fileUri(ws.path('uv.lock')), (d) => d.some((x) => x.code === 'attestation-invalid') && d.some((x) => x.code === 'provenance-required'));
    const invalid = lock.find((d) => d.code === 'attestation-invalid')!;
    assert.equal(invalid.severity, DiagnosticSeverity.Error);
    assert.match(text(invalid), /^pypi-attestations@0\.0\.19: invalid attestation, possible tampering: pypi_attestations-0\.0\.19\.tar\.gz: the attested sha256 9bb1add04b1b… differs from the locked sha256/);
    assert.equal(lock.find((d) => d.code === 'provenance-required')!.severity, DiagnosticSeverity.Warning);
  });

  it('Go: the hover shows the verified checksum; a tampered go.sum line is an Error on the require line', async () => {
    sumdb = await startSumdbServer({ goSum: GO_SUM });
    const [tampered, kept] = REQUIRED as [[string, string, string], [string, string, string]];
    const goMod = `module example.com/app\n\ngo 1.21\n\nrequire (\n\t${tampered[0]} ${tampered[1]}\n\t${kept[0]} ${kept[1]}\n)\n`;
    const badLine = `${tampered.join(' ')}`;
    await start({ 'go.mod': goMod, 'go.sum': GO_SUM.replace(badLine, badLine.replace(/h1:.{4}/, 'h1:AAAA')) }, { goSumdb: sumdb.gosumdb });
    assert.match(await hover('go.mod', kept[0]), new RegExp(`Checksum ✓ matches the Go checksum database localhost\\.localdev/sumdb, tree ${sumdb.size}`));
    const diagnostics = await client.waitForDiagnostics(fileUri(ws.path('go.mod')), (d) => d.some((x) => x.code === 'signature-invalid'));
    const invalid = diagnostics.filter((d) => d.code === 'signature-invalid');
    assert.equal(invalid.length, 1);
    assert.equal(invalid[0]!.severity, DiagnosticSeverity.Error);
    assert.equal(invalid[0]!.range.start.line, 5);
    assert.match(text(invalid[0]!), /: go\.sum does not match the Go checksum database: the module's bytes differ from what everyone else sees/);
    assert.match(await hover('go.mod', tampered[0]), /Checksum ✗ invalid — go\.sum does not match the Go checksum database/);
  });
});
