import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cycloneDxErrors, sarifErrors } from '../support/schemas';
import { spdxErrors } from '../support/spdx-rules';
import { runCli } from '../support/run-cli';
import { tempWorkspace } from '../support/temp-workspace';

const EXAMPLE = join(__dirname, '../../examples/npm-app');
const DATA = join(EXAMPLE, 'osv');

describe('chainsight scan', function () {
  const EXIT_TABLE: Array<{ name: string; args: string[]; code: number }> = [
    { name: 'findings at or above the default threshold (high) exit 1', args: [], code: 1 },
    { name: '--fail-on critical still fails on lodash', args: ['--fail-on', 'critical'], code: 1 },
    { name: '--fail-on none never fails on findings', args: ['--fail-on', 'none'], code: 0 },
  ];
  for (const row of EXIT_TABLE) {
    it(row.name, async () => {
      const result = await runCli(['scan', EXAMPLE, '--osv-data', DATA, ...row.args]);
      assert.equal(result.code, row.code, result.stderr);
      assert.match(result.stdout, /Scanned 60 packages: 9 vulnerable, 12 advisories \(1 critical, 5 high, 3 moderate, 3 low\)\./);
    });
  }

  it('exits 0 when nothing reaches the threshold', async () => {
    const ws = tempWorkspace({ 'package.json': JSON.stringify({ dependencies: { 'send': '0.12.3' } }) });
    try {
      const result = await runCli(['scan', ws.root, '--osv-data', DATA, '--fail-on', 'moderate']);
      assert.equal(result.code, 0, result.stdout);
      assert.match(result.stdout, /LOW\s+send@0\.12\.3\s+GHSA-m6fv-jmcg-4jfg/);
    } finally {
      ws.dispose();
    }
  });

  it('--format json prints the documented document, with 1-based locations that point at the version', async () => {
    const result = await runCli(['scan', EXAMPLE, '--osv-data', DATA, '--format', 'json']);
    const doc = JSON.parse(result.stdout);
    assert.equal(doc.schemaVersion, 1);
    assert.equal(doc.packages, 60);
    const ms = doc.findings.find((f: { name: string }) => f.name === 'ms');
    assert.deepEqual(
      { ecosystem: ms.ecosystem, name: ms.name, version: ms.version, direct: ms.direct, paths: ms.paths, vulnerabilities: ms.vulnerabilities.map((v: Record<string, unknown>) => ({ id: v.id, aliases: v.aliases, severity: v.severity, score: v.score, fixed: v.fixed })) },
      { ecosystem: 'npm', name: 'ms', version: '0.6.2', direct: false, paths: [['humanize-ms', 'ms']], vulnerabilities: [{ id: 'GHSA-3fx5-fwvr-xrjg', aliases: ['CVE-2015-8315'], severity: 'high', score: 7.5, fixed: '0.7.1' }] },
    );
    const lodash = doc.findings.find((f: { name: string }) => f.name === 'lodash');
    assert.equal(lodash.direct, true);
    const lines = (file: string) => readFileSync(join(EXAMPLE, file), 'utf8').split('\n');
    for (const loc of lodash.locations) assert.equal(lines(loc.file)[loc.line - 1]!.slice(loc.column - 1, loc.column + 5), '4.17.4', JSON.stringify(loc));
    assert.deepEqual(lodash.locations.map((l: { file: string }) => l.file).sort(), ['package-lock.json', 'package.json']);
  });

  it('--format sarif is valid SARIF 2.1.0 with locations in the manifest and the lockfile', async () => {
    const result = await runCli(['scan', EXAMPLE, '--osv-data', DATA, '--format', 'sarif']);
    const sarif = JSON.parse(result.stdout);
    assert.deepEqual(sarifErrors(sarif), []);
    const lodash = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'GHSA-jf85-cpcp-j695');
    assert.deepEqual(lodash.locations.map((l: { physicalLocation: { artifactLocation: { uri: string } } }) => l.physicalLocation.artifactLocation.uri).sort(), ['package-lock.json', 'package.json']);
    assert.equal(lodash.level, 'error');
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'GHSA-jf85-cpcp-j695');
    assert.equal(rule.properties['security-severity'], '9.1');
  });

  it('--format cyclonedx is a valid CycloneDX 1.6 SBOM with every package and the vulnerabilities', async () => {
    const result = await runCli(['scan', EXAMPLE, '--osv-data', DATA, '--format', 'cyclonedx']);
    const bom = JSON.parse(result.stdout);
    assert.deepEqual(cycloneDxErrors(bom), []);
    assert.equal(bom.specVersion, '1.6');
    // 60 install locations hold 51 distinct name@version pairs; an SBOM lists each once.
    assert.equal(bom.components.length, 51);
    const lodash = bom.components.find((c: { name: string }) => c.name === 'lodash');
    assert.equal(lodash.purl, 'pkg:npm/lodash@4.17.4');
    assert.equal(lodash.hashes[0].alg, 'SHA-1');
    const vuln = bom.vulnerabilities.find((v: { id: string }) => v.id === 'GHSA-3fx5-fwvr-xrjg');
    assert.deepEqual(vuln.affects, [{ ref: 'pkg:npm/ms@0.6.2' }]);
    assert.deepEqual(bom.dependencies.find((d: { ref: string }) => d.ref === 'pkg:npm/humanize-ms@1.0.1').dependsOn, ['pkg:npm/ms@0.6.2']);
  });

  it('--format spdx is an SPDX 2.3 SBOM with every package, the graph and advisory references', async () => {
    const result = await runCli(['scan', EXAMPLE, '--osv-data', DATA, '--format', 'spdx']);
    const doc = JSON.parse(result.stdout);
    assert.deepEqual(spdxErrors(doc), []);
    // The workspace's root package, then the same 51 distinct name@version pairs as the CycloneDX SBOM.
    assert.equal(doc.packages.length, 52);
    type Ref = { referenceCategory: string; referenceType: string; referenceLocator: string; comment?: string };
    type Pkg = { SPDXID: string; name: string; versionInfo?: string; checksums?: Array<{ algorithm: string }>; externalRefs?: Ref[] };
    const byName = (name: string) => doc.packages.find((p: Pkg) => p.name === name) as Pkg;
    const lodash = byName('lodash');
    assert.equal(lodash.versionInfo, '4.17.4');
    assert.equal(lodash.checksums![0]!.algorithm, 'SHA1');
    assert.deepEqual(lodash.externalRefs!.find((r) => r.referenceType === 'purl')!.referenceLocator, 'pkg:npm/lodash@4.17.4');
    const advisories = lodash.externalRefs!.filter((r) => r.referenceType === 'advisory');
    assert.equal(advisories.length, 3);
    assert.ok(advisories.some((r) => r.referenceLocator === 'https://osv.dev/vulnerability/GHSA-jf85-cpcp-j695' && r.comment === 'GHSA-jf85-cpcp-j695 (critical 9.1): fixed in 4.17.12'), JSON.stringify(advisories));
    const edge = (from: string, type: string, to: string) =>
      doc.relationships.some((r: Record<string, string>) => r.spdxElementId === from && r.relationshipType === type && r.relatedSpdxElement === to);
    assert.ok(edge('SPDXRef-DOCUMENT', 'DESCRIBES', 'SPDXRef-RootPackage'));
    assert.ok(edge('SPDXRef-RootPackage', 'DEPENDS_ON', lodash.SPDXID), 'a direct dependency hangs off the root');
    assert.ok(edge(byName('humanize-ms').SPDXID, 'DEPENDS_ON', byName('ms').SPDXID), 'a transitive edge is kept');
    assert.ok(!edge('SPDXRef-RootPackage', 'DEPENDS_ON', byName('ms').SPDXID), 'a transitive package is not direct');
  });

  it('--format markdown --output writes the report to a file', async () => {
    const ws = tempWorkspace();
    try {
      const result = await runCli(['scan', EXAMPLE, '--osv-data', DATA, '--format', 'markdown', '--output', ws.path('report.md'), '--fail-on', 'none']);
      assert.equal(result.code, 0);
      assert.equal(result.stdout, '');
      const md = readFileSync(ws.path('report.md'), 'utf8');
      assert.match(md, /^# Chainsight report/);
      assert.match(md, /\| critical \(9\.1\) \| lodash@4\.17\.4 \| \[GHSA-jf85-cpcp-j695\]\(https:\/\/osv\.dev\/vulnerability\/GHSA-jf85-cpcp-j695\)/);
    } finally {
      ws.dispose();
    }
  });

  const ERRORS: Array<{ name: string; args: (root: string) => string[]; files?: Record<string, string>; stderr: RegExp }> = [
    { name: 'an unknown format is a usage error', args: () => ['scan', EXAMPLE, '--format', 'xml'], stderr: /--format must be one of table, sarif, cyclonedx, openvex, spdx, markdown, json \(got "xml"\)[\s\S]*Usage: chainsight scan/ },
    { name: 'an unknown option is a usage error', args: () => ['scan', '--frobnicate'], stderr: /Unknown option '--frobnicate'/ },
    { name: 'a missing folder is an error', args: () => ['scan', '/nonexistent/chainsight'], stderr: /\/nonexistent\/chainsight: no such file or folder/ },
    {
      name: 'a malformed lockfile is reported with file:line:column',
      args: (root) => ['scan', root, '--osv-data', DATA],
      files: { 'package.json': '{"dependencies":{"lodash":"4.17.4"}}', 'package-lock.json': '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {},,\n  }\n}\n' },
      stderr: /^package-lock\.json:4:12: error: could not parse package-lock\.json at 4:12: property name expected$/m,
    },
    { name: 'no vulnerability data is an error, not a clean bill of health', args: (root) => ['scan', root, '--offline'], files: { 'package.json': '{"dependencies":{"lodash":"4.17.4"}}' }, stderr: /no offline data for npm: download or import the offline database/ },
    { name: 'an OSV data path that does not exist is an error', args: (root) => ['scan', root, '--osv-data', '/nonexistent/osv'], files: { 'package.json': '{}' }, stderr: /could not read OSV data at \/nonexistent\/osv/ },
  ];
  for (const row of ERRORS) {
    it(`${row.name} (exit 2)`, async () => {
      const ws = tempWorkspace(row.files ?? {});
      try {
        const result = await runCli(row.args(ws.root));
        assert.equal(result.code, 2, `${result.stdout}\n${result.stderr}`);
        assert.match(result.stderr, row.stderr);
      } finally {
        ws.dispose();
      }
    });
  }
});
