import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';

// The library bundle, exactly as other tools load it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const engine = require('../../dist/engine.js') as typeof import('../../server/src/engine');
const EXAMPLE = join(__dirname, '../../examples/npm-app');

describe('dist/engine.js', () => {
  it('extract(path, text) returns the packages of one file', () => {
    const result = engine.extract('package-lock.json', readFileSync(join(EXAMPLE, 'package-lock.json'), 'utf8'));
    assert.equal(result.errors.length, 0);
    assert.equal(result.packages.length, 60);
    const lodash = result.packages.find((p) => p.name === 'lodash')!;
    assert.deepEqual({ ecosystem: lodash.ecosystem, version: lodash.version, direct: lodash.direct }, { ecosystem: 'npm', version: '4.17.4', direct: true });
  });

  it('extract reports a file it does not read as an error', () => {
    assert.match(engine.extract('notes.txt', 'hello').errors[0]!.message, /not a dependency file/);
  });

  const ORDER: Array<[string, string, string, -1 | 0 | 1]> = [
    ['npm', '1.0.0-alpha', '1.0.0', -1],
    ['npm', '1.10.0', '1.9.0', 1],
    ['npm', '1.0.0+build', '1.0.0', 0],
  ];
  for (const [eco, a, b, want] of ORDER) {
    it(`compareVersions(${eco}, ${a}, ${b}) = ${want}`, () => assert.equal(engine.compareVersions(eco, a, b), want));
  }

  it('compareVersions throws on an unknown ecosystem', () => {
    assert.throws(() => engine.compareVersions('CPAN', '1', '2'), /unknown ecosystem "CPAN"/);
  });

  it('scan(root, options) returns the same document as `chainsight scan --format json`', async () => {
    const fromLibrary = await engine.scan(EXAMPLE, { osvData: join(EXAMPLE, 'osv') });
    const fromCli = JSON.parse((await runCli(['scan', EXAMPLE, '--osv-data', join(EXAMPLE, 'osv'), '--format', 'json'])).stdout);
    delete (fromLibrary.source as { dataTime?: string }).dataTime;
    delete fromCli.source.dataTime;
    assert.deepEqual(JSON.parse(JSON.stringify(fromLibrary)), fromCli);
  });

  it('scan honours VEX as the CLI does (the same statuses), and refuses a VEX file that does not read', async () => {
    const vex = join(__dirname, '../fixtures/vex/lsp/lodash-not-affected.openvex.json');
    const fromLibrary = await engine.scan(EXAMPLE, { osvData: join(EXAMPLE, 'osv'), vex: [vex] });
    const fromCli = JSON.parse((await runCli(['scan', EXAMPLE, '--osv-data', join(EXAMPLE, 'osv'), '--vex', vex, '--format', 'json'])).stdout);
    const statuses = (r: { findings: Array<{ name: string; vulnerabilities: Array<{ id: string; status: string }> }> }) => r.findings.flatMap((f) => f.vulnerabilities.map((v) => `${f.name} ${v.id} ${v.status}`));
    assert.deepEqual(statuses(fromLibrary), statuses(fromCli));
    assert.ok(statuses(fromLibrary).includes('lodash GHSA-jf85-cpcp-j695 not_affected'));
    assert.deepEqual(fromLibrary.triage, { counts: { affected: 11, not_affected: 1, fixed: 0, under_investigation: 0 }, suppressed: 1 });
    await assert.rejects(engine.scan(EXAMPLE, { osvData: join(EXAMPLE, 'osv'), vex: [join(EXAMPLE, 'package.json')] }), /package\.json:\d+:\d+: /);
  });
});
