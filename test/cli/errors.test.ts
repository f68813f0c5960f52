import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CLI, runCli } from '../support/run-cli';
import { tempWorkspace } from '../support/temp-workspace';

const EXAMPLE = join(__dirname, '../../examples/npm-app');
const DATA = join(EXAMPLE, 'osv');

/** What CI users hit: every failure is one clear line with exit code 2, never a stack trace. */
describe('chainsight: errors are one clear line, exit 2, no stack trace', function () {
  const ROWS: Array<{ name: string; args: (root: string) => string[]; files?: Record<string, string>; stderr: RegExp }> = [
    { name: 'scan of a folder without dependency files', args: (root) => ['scan', root, '--osv-data', DATA], files: { 'README.md': '# hello\n' }, stderr: /^chainsight: error: no dependency files found under \/\S+$/m },
    { name: 'inventory of a folder without dependency files', args: (root) => ['inventory', root], files: { 'src/main.c': 'int main() {}\n' }, stderr: /^chainsight: error: no dependency files found under \/\S+$/m },
    { name: 'scan of a file Chainsight does not read', args: (root) => ['scan', join(root, 'README.md'), '--osv-data', DATA], files: { 'README.md': '# hello\n' }, stderr: /README\.md is not a dependency file Chainsight reads/ },
    {
      name: '--output into a folder that does not exist',
      args: (root) => ['scan', EXAMPLE, '--osv-data', DATA, '--fail-on', 'none', '--output', join(root, 'missing', 'report.json')],
      stderr: /^chainsight scan: error: cannot write the report to \/\S+\/missing\/report\.json: no such file or folder$/m,
    },
    {
      name: '--output naming a folder',
      args: (root) => ['scan', EXAMPLE, '--osv-data', DATA, '--fail-on', 'none', '--output', root],
      stderr: /^chainsight scan: error: cannot write the report to \/\S+: is a folder$/m,
    },
    {
      name: '--output under a file',
      args: (root) => ['scan', EXAMPLE, '--osv-data', DATA, '--fail-on', 'none', '--output', join(root, 'README.md', 'report.json')],
      files: { 'README.md': '# hello\n' },
      stderr: /cannot write the report to \/\S+\/README\.md\/report\.json: a path component is not a folder/,
    },
    { name: 'two paths', args: (root) => ['inventory', root, root], stderr: /inventory takes one PATH, got 2/ },
  ];
  for (const row of ROWS) {
    it(row.name, async () => {
      const ws = tempWorkspace(row.files ?? {});
      try {
        const result = await runCli(row.args(ws.root));
        assert.equal(result.code, 2, `${result.stdout}\n${result.stderr}`);
        assert.match(result.stderr, row.stderr);
        assert.doesNotMatch(result.stderr, /^\s+at |internal error/m);
      } finally {
        ws.dispose();
      }
    });
  }

  it('a reader that stops reading (| head) ends the run quietly', async () => {
    const child = spawn(process.execPath, [CLI, 'inventory', join(__dirname, '../fixtures/realworld/nodejs-goof-2022-lockfile-v2')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.doesNotMatch(stderr, /EPIPE|^\s+at /m);
    assert.ok(code === 0 || code === null, `exit ${code}: ${stderr}`);
  });
});
