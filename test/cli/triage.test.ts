import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDocument } from '../../server/src/documents';
import { runCli } from '../support/run-cli';
import { cycloneDxErrors, sarifErrors } from '../support/schemas';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const EXAMPLE = join(__dirname, '../../examples/npm-app');
const VEX = join(__dirname, '../fixtures/vex/lsp');
const NOT_AFFECTED = join(VEX, 'lodash-not-affected.openvex.json');
const CRITICAL = 'GHSA-jf85-cpcp-j695';

type Report = { findings: Array<{ name: string; vulnerabilities: Array<{ id: string; status: string; vex?: { status: string; justification?: string; source: string; suppressed: boolean }; policy?: { rule: string; action: string } }> }>; triage: { counts: Record<string, number>; suppressed: number } };
const vulnerability = (report: Report, name: string, id: string) => report.findings.find((f) => f.name === name)!.vulnerabilities.find((v) => v.id === id)!;

/** A VEX statement for lodash's critical advisory with another status, as a file in the workspace. */
function statusFile(ws: TempWorkspace, status: string): string {
  const doc = JSON.parse(readFileSync(NOT_AFFECTED, 'utf8'));
  const s = doc.statements[0];
  s.status = status;
  delete s.justification;
  delete s.impact_statement;
  ws.write(`vex/${status}.openvex.json`, JSON.stringify(doc, null, 2));
  return ws.path(`vex/${status}.openvex.json`);
}

/**
 * Triage in the CLI: VEX in (by alias, from --vex and the project's own files), the gate counting
 * only affected and under-investigation findings, the policy file deciding exit codes, and the same
 * decisions in every output format.
 */
describe('chainsight scan: VEX and policy', function () {
  let ws: TempWorkspace;
  const scan = (...args: string[]) => runCli(['scan', ws.root, '--osv-data', ws.path('osv'), ...args]);

  beforeEach(() => (ws = tempWorkspace({ '.': { copyFrom: EXAMPLE } })));
  afterEach(() => ws.dispose());

  it('a statement naming the CVE alias suppresses the GHSA finding: JSON status and vex, counted apart', async () => {
    const result = await scan('--vex', NOT_AFFECTED, '--format', 'json', '--fail-on', 'none');
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as Report;
    const v = vulnerability(report, 'lodash', CRITICAL);
    assert.equal(v.status, 'not_affected');
    assert.equal(v.vex?.justification, 'vulnerable_code_not_present');
    assert.equal(v.vex?.suppressed, true);
    assert.match(v.vex!.source, /lodash-not-affected\.openvex\.json$/);
    assert.equal(vulnerability(report, 'lodash', 'GHSA-35jh-r3h4-6jhm').status, 'affected');
    assert.equal(report.triage.suppressed, 1);
    assert.equal(report.triage.counts.not_affected, 1);
  });

  const GATE: Array<{ name: string; vex?: (ws: TempWorkspace) => string; code: number }> = [
    { name: 'no statement: the critical finding fails --fail-on critical', code: 1 },
    { name: 'not_affected: it no longer counts', vex: () => NOT_AFFECTED, code: 0 },
    { name: 'fixed: it no longer counts', vex: (w) => statusFile(w, 'fixed'), code: 0 },
    { name: 'under_investigation: it still counts', vex: (w) => statusFile(w, 'under_investigation'), code: 1 },
    { name: 'affected: it still counts', vex: (w) => statusFile(w, 'affected'), code: 1 },
  ];
  for (const row of GATE) {
    it(`gate: ${row.name}`, async () => {
      const result = await scan('--fail-on', 'critical', ...(row.vex ? ['--vex', row.vex(ws)] : []));
      assert.equal(result.code, row.code, `${result.stdout}\n${result.stderr}`);
    });
  }

  it("the project's own VEX file applies by default, not with --ignore-workspace-triage", async () => {
    ws.write('.chainsight/vex.openvex.json', readFileSync(NOT_AFFECTED, 'utf8'));
    assert.equal((await scan('--fail-on', 'critical')).code, 0);
    assert.equal((await scan('--fail-on', 'critical', '--ignore-workspace-triage')).code, 1);
  });

  it('a VEX file that does not read: exit 2 with file:line', async () => {
    ws.write('broken.openvex.json', '{\n  "@context": "https://openvex.dev/ns/v0.2.0",\n  "statements": [\n');
    const result = await scan('--vex', ws.path('broken.openvex.json'));
    assert.equal(result.code, 2);
    assert.match(result.stderr, /broken\.openvex\.json:\d+:\d+: /);
  });

  const POLICY: Array<{ name: string; policy: string; args: string[]; code: number; stderr?: RegExp; check?: (report: Report) => void }> = [
    {
      name: 'an ignore rule takes lodash out of the gate',
      policy: 'version: 1\nrules:\n  - id: lodash-ok\n    name: Lodash reviewed\n    when: pkg.name == "lodash"\n    action: ignore\n',
      args: ['--fail-on', 'critical'],
      code: 0,
      check: (r) => assert.deepEqual(vulnerability(r, 'lodash', CRITICAL).policy, { rule: 'lodash-ok', name: 'Lodash reviewed', action: 'ignore' }),
    },
    {
      name: 'an error rule fails the run below --fail-on',
      policy: 'version: 1\nrules:\n  - id: no-jquery\n    name: No jQuery\n    when: pkg.name == "jquery"\n    action: error\n  - id: lodash-ok\n    name: Lodash reviewed\n    when: pkg.name == "lodash"\n    action: ignore\n',
      args: ['--fail-on', 'critical'],
      code: 1,
    },
    { name: 'a policy file that does not read: exit 2 with file:line:column', policy: 'version: 1\nrules:\n  - id: x\n    name: X\n    when: vuln.severty == "high"\n    action: error\n', args: [], code: 2, stderr: /policy\.yaml:5:\d+: .*did you mean "severity"\?/ },
  ];
  for (const row of POLICY) {
    it(`policy: ${row.name}`, async () => {
      ws.write('policy.yaml', row.policy);
      const result = await scan('--policy', ws.path('policy.yaml'), '--format', 'json', ...row.args);
      assert.equal(result.code, row.code, `${result.stdout}\n${result.stderr}`);
      if (row.stderr) assert.match(result.stderr, row.stderr);
      if (row.code === 2) assert.doesNotMatch(result.stderr, /\n\s+at /);
      if (row.check) row.check(JSON.parse(result.stdout) as Report);
    });
  }

  it('OpenVEX, CycloneDX and SARIF say the same: validated, not_affected with its justification, a SARIF suppression', async () => {
    const [openvex, cyclonedx, sarif] = await Promise.all(['openvex', 'cyclonedx', 'sarif'].map((format) => scan('--vex', NOT_AFFECTED, '--format', format, '--fail-on', 'none')));
    const read = readDocument('chainsight-vex.json', openvex!.stdout);
    assert.ok(read.ok && read.document.kind === 'vex', openvex!.stdout.slice(0, 500));
    assert.deepEqual(read.warnings, []);
    const statements = read.document.statements.filter((s) => s.vulnerability.id === CRITICAL);
    assert.deepEqual(statements.map((s) => [s.status, s.justification]), [['not_affected', 'vulnerable_code_not_present']]);
    assert.ok(read.document.statements.some((s) => s.vulnerability.id === 'GHSA-35jh-r3h4-6jhm' && s.status === 'affected'));

    const bom = JSON.parse(cyclonedx!.stdout);
    assert.deepEqual(cycloneDxErrors(bom), []);
    const critical = bom.vulnerabilities.filter((v: { id: string }) => v.id === CRITICAL);
    assert.deepEqual(critical.map((v: { analysis: { state: string; justification: string } }) => [v.analysis.state, v.analysis.justification]), [['not_affected', 'code_not_present']]);

    // Read back, the CycloneDX analysis maps onto the same OpenVEX status and justification.
    const back = readDocument('bom.cdx.json', cyclonedx!.stdout);
    assert.ok(back.ok);
    const vexOfBom = back.document.kind === 'sbom' ? back.document.vex : back.document.kind === 'vex' ? back.document.statements : [];
    assert.deepEqual(vexOfBom.filter((s) => s.vulnerability.id === CRITICAL).map((s) => [s.status, s.justification]), [['not_affected', 'vulnerable_code_not_present']]);

    const log = JSON.parse(sarif!.stdout);
    assert.deepEqual(sarifErrors(log), []);
    const suppressed = log.runs[0].results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
    assert.equal(suppressed.length, 1, JSON.stringify(suppressed));
    assert.equal(suppressed[0].ruleId, CRITICAL);
    assert.equal(suppressed[0].suppressions[0].kind, 'external');
    assert.match(suppressed[0].suppressions[0].justification, /^not affected — vulnerable_code_not_present, by Sam Lee <sam@example\.com> on 2025-06-01, in .*lodash-not-affected\.openvex\.json: defaultsDeep is not in our bundle$/);
  });
});

describe('chainsight vex lint', function () {
  let ws: TempWorkspace;
  beforeEach(() => (ws = tempWorkspace({ '.': { copyFrom: EXAMPLE } })));
  afterEach(() => ws.dispose());

  it('reports the expired acceptance and the statement that matches nothing, at their lines; exit 1', async () => {
    ws.write('.chainsight/vex.openvex.json', readFileSync(join(VEX, 'expired-and-unused.openvex.json'), 'utf8'));
    const result = await runCli(['vex', 'lint', ws.root, '--osv-data', ws.path('osv')], { cwd: ws.root });
    assert.equal(result.code, 1, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines.length, 3, result.stdout);
    assert.match(lines[0]!, /^\.chainsight\/vex\.openvex\.json:\d+:\d+: warning: .*2024-01-31.* \[expired\]$/);
    assert.match(lines[1]!, /^\.chainsight\/vex\.openvex\.json:\d+:\d+: hint: .* \[unused\]$/);
    assert.equal(lines[2], '2 statements to look at.');
  });

  it('nothing to say: exit 0', async () => {
    ws.write('.chainsight/vex.openvex.json', readFileSync(NOT_AFFECTED, 'utf8'));
    const result = await runCli(['vex', 'lint', ws.root, '--osv-data', ws.path('osv')], { cwd: ws.root });
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });
});

describe('chainsight scan: CISA KEV', function () {
  const PROJECT = join(__dirname, '../fixtures/policy/python-kev');
  const KEV = join(__dirname, '../fixtures/kev/known_exploited_vulnerabilities.json');
  const base = ['scan', PROJECT, '--osv-data', join(__dirname, '../fixtures/osv-corpus/PyPI.zip'), '--kev-data', KEV];

  it('marks the advisories whose CVE is in the catalog (OSV rates them unknown)', async () => {
    const result = await runCli([...base, '--format', 'json', '--fail-on', 'none']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { findings: Array<{ name: string; vulnerabilities: Array<{ id: string; knownExploited?: { cve: string; dateAdded: string } }> }> };
    const kev = report.findings.flatMap((f) => f.vulnerabilities.filter((v) => v.knownExploited).map((v) => `${f.name} ${v.id} ${v.knownExploited!.cve} ${v.knownExploited!.dateAdded}`));
    assert.deepEqual(kev, ['salt PYSEC-2020-102 CVE-2020-11651 2021-11-03', 'salt PYSEC-2020-103 CVE-2020-11652 2021-11-03', 'salt PYSEC-2020-104 CVE-2020-16846 2021-11-03', 'pyspark GHSA-4x9r-j582-cgr8 CVE-2022-33891 2023-03-07']);
  });

  it('a known-exploited rule fails the run where no severity gate would', async () => {
    const ws = tempWorkspace({ 'policy.yaml': 'version: 1\nrules:\n  - id: kev\n    name: Known exploited\n    when: vuln.knownExploited\n    action: error\n' });
    try {
      const result = await runCli([...base, '--fail-on', 'none', '--policy', ws.path('policy.yaml'), '--format', 'sarif']);
      assert.equal(result.code, 1, result.stderr);
      const results = JSON.parse(result.stdout).runs[0].results as Array<{ ruleId: string; level: string; properties: { advisory?: string } }>;
      assert.deepEqual(results.filter((r) => r.ruleId === 'kev').map((r) => [r.level, r.properties.advisory]), [
        ['error', 'PYSEC-2020-102'],
        ['error', 'PYSEC-2020-103'],
        ['error', 'PYSEC-2020-104'],
        ['error', 'GHSA-4x9r-j582-cgr8'],
      ]);
    } finally {
      ws.dispose();
    }
  });
});
