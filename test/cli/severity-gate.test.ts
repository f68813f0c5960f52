import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';

/**
 * The Go vulnerability database rates nothing: GO-2023-1631 (google.golang.org/protobuf 1.29.0)
 * has no severity. A CI gate must not pass it silently.
 */
const PROJECT = join(__dirname, '../fixtures/cli/go-unrated');
const DATA = join(PROJECT, 'osv');

describe('chainsight scan: a gate and advisories without a severity', function () {
  const ROWS: Array<{ name: string; args: string[]; code: number; stderr?: RegExp }> = [
    { name: 'the default gate (high) fails: unrated counts as high', args: [], code: 1, stderr: /1 advisory has no severity rating .*: counted as high \(--unknown-as\)/ },
    { name: '--fail-on low fails (it passed before)', args: ['--fail-on', 'low'], code: 1 },
    { name: '--fail-on unknown is accepted and fails on any finding', args: ['--fail-on', 'unknown'], code: 1 },
    { name: '--fail-on critical passes, and says why', args: ['--fail-on', 'critical'], code: 0, stderr: /counted as high \(--unknown-as\), below --fail-on critical/ },
    { name: '--unknown-as critical makes --fail-on critical fail', args: ['--fail-on', 'critical', '--unknown-as', 'critical'], code: 1 },
    { name: '--unknown-as low keeps --fail-on moderate passing, with the note', args: ['--fail-on', 'moderate', '--unknown-as', 'low'], code: 0, stderr: /counted as low .*below --fail-on moderate/ },
    { name: '--fail-on none never fails', args: ['--fail-on', 'none'], code: 0 },
    { name: '--unknown-as takes a rated level only', args: ['--unknown-as', 'none'], code: 2, stderr: /--unknown-as must be one of low, moderate, high, critical \(got "none"\)/ },
  ];
  for (const row of ROWS) {
    it(row.name, async () => {
      const result = await runCli(['scan', PROJECT, '--osv-data', DATA, ...row.args]);
      assert.equal(result.code, row.code, `${result.stdout}\n${result.stderr}`);
      if (row.stderr) assert.match(result.stderr, row.stderr);
      if (row.code !== 2) assert.match(result.stdout, /UNKNOWN\s+google\.golang\.org\/protobuf@1\.29\.0\s+GO-2023-1631\s+1\.29\.1/);
    });
  }

  it('SARIF ranks the unrated advisory like the gate does (GitHub gates on security-severity)', async () => {
    for (const [args, level, score] of [
      [[], 'error', '8.0'],
      [['--unknown-as', 'moderate'], 'warning', '5.5'],
    ] as const) {
      const result = await runCli(['scan', PROJECT, '--osv-data', DATA, '--format', 'sarif', '--fail-on', 'none', ...args]);
      const run = JSON.parse(result.stdout).runs[0];
      assert.equal(run.results[0].ruleId, 'GO-2023-1631');
      assert.equal(run.results[0].level, level);
      assert.equal(run.tool.driver.rules[0].properties['security-severity'], score);
    }
  });
});
