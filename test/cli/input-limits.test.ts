import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const EXAMPLE = join(__dirname, '../../examples/npm-app');
const DATA = join(EXAMPLE, 'osv');

interface Omission {
  path: string;
  reason: string;
  detail: string;
  includedFrom?: string;
}

/**
 * Hostile inputs from issue 11 (item 5): reads that are bounded, regular files only, and inside the
 * scanned folder unless allowed, and (item 7) every file not read said on stderr, in the JSON and
 * with exit code 2. Each row builds a workspace under `ws.path('project')`, next to an `outside/`.
 */
describe('chainsight scan and inventory: bounded reads and reported omissions', function () {
  const ROWS: Array<{
    name: string;
    setup(ws: TempWorkspace): void;
    args?: string[];
    omissions: Array<Partial<Omission>>;
    stderr?: RegExp;
    absent?: string;
  }> = [
    {
      name: '-r /dev/zero is refused at the include, not read for gigabytes',
      setup: (ws) => ws.write('project/requirements.txt', 'requests==2.0.0\n-r /dev/zero\n'),
      omissions: [{ path: '/dev/zero', reason: 'outside-workspace', includedFrom: 'requirements.txt' }],
      stderr: /^requirements\.txt:2:4: warning: could not read the requirements file \/dev\/zero .*; not read: outside the workspace folder /m,
    },
    {
      name: '-r /dev/zero, even when includes outside are allowed, is not a regular file',
      setup: (ws) => ws.write('project/requirements.txt', 'requests==2.0.0\n-r /dev/zero\n'),
      args: ['--allow-outside-includes'],
      omissions: [{ path: '/dev/zero', reason: 'not-a-file', detail: 'a character device, not a regular file' }],
    },
    {
      name: 'a lockfile linked to /dev/zero is not read, and said so',
      setup: (ws) => {
        ws.write('project/package.json', '{"dependencies":{"lodash":"4.17.4"}}');
        symlinkSync('/dev/zero', ws.path('project/package-lock.json'));
      },
      omissions: [{ path: 'package-lock.json', reason: 'outside-workspace', detail: 'a symbolic link to /dev/zero, outside the workspace folder' }],
      stderr: /^package-lock\.json: warning: not read: a symbolic link to \/dev\/zero, outside the workspace folder/m,
    },
    {
      name: 'a lockfile linked to /dev/zero with outside reads allowed is a character device',
      setup: (ws) => {
        ws.write('project/package.json', '{"dependencies":{"lodash":"4.17.4"}}');
        symlinkSync('/dev/zero', ws.path('project/package-lock.json'));
      },
      args: ['--allow-outside-includes'],
      omissions: [{ path: 'package-lock.json', reason: 'not-a-file', detail: 'a character device, not a regular file' }],
    },
    {
      name: '-r ../../outside/secret.txt is not read, so its lines never become package names',
      setup: (ws) => {
        ws.write('outside/secret.txt', 'hunter2-secret-token\n');
        ws.write('project/app/requirements.txt', 'requests==2.0.0\n-r ../../outside/secret.txt\n');
      },
      omissions: [{ reason: 'outside-workspace', includedFrom: 'app/requirements.txt' }],
      absent: 'hunter2',
      stderr: /pass --allow-outside-includes/,
    },
    {
      name: 'a named pipe with a dependency file name does not block the scan',
      setup: (ws) => {
        mkdirSync(ws.path('project'));
        execFileSync('mkfifo', [ws.path('project/requirements.txt')]);
      },
      omissions: [{ path: 'requirements.txt', reason: 'not-a-file', detail: 'a named pipe, not a regular file' }],
    },
    {
      name: 'a file over --max-file-bytes is skipped and reported, not silently',
      setup: (ws) => {
        ws.write('project/package.json', '{"dependencies":{"lodash":"4.17.4"}}');
        ws.write('project/package-lock.json', `${JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/lodash': { version: '4.17.4' } } }, null, 2)}\n${' '.repeat(2048)}`);
      },
      args: ['--max-file-bytes', '1KiB'],
      omissions: [{ path: 'package-lock.json', reason: 'too-large', detail: '2.1 KiB, over the 1 KiB limit' }],
      stderr: /raise the limit with --max-file-bytes/,
    },
    {
      name: 'discovery stopping at --max-files says so',
      setup: (ws) => {
        ws.write('project/a/package.json', '{"dependencies":{"lodash":"4.17.4"}}');
        ws.write('project/b/package.json', '{"dependencies":{"lodash":"4.17.4"}}');
      },
      args: ['--max-files', '1'],
      omissions: [{ path: '', reason: 'file-limit', detail: 'stopped after 1 dependency files: the rest of the folder was not searched' }],
    },
  ];

  for (const row of ROWS) {
    for (const command of ['scan', 'inventory'] as const) {
      it(`${command}: ${row.name} (exit 2)`, async () => {
        const ws = tempWorkspace();
        try {
          row.setup(ws);
          const project = ws.path('project');
          const data = command === 'scan' ? ['--osv-data', DATA, '--fail-on', 'none'] : [];
          const result = await runCli([command, project, '--format', 'json', ...data, ...(row.args ?? [])]);
          assert.equal(result.code, 2, `${result.stdout}\n${result.stderr}`);
          const doc = JSON.parse(result.stdout) as { omissions: Omission[] };
          const want = row.omissions.map((o) => ({ ...o, ...(o.path === '' ? { path: project } : {}) }));
          assert.equal(doc.omissions.length, want.length, JSON.stringify(doc.omissions));
          want.forEach((o, i) => {
            for (const [key, value] of Object.entries(o)) assert.ok(key === 'detail' ? doc.omissions[i]![key].startsWith(value) : doc.omissions[i]![key as keyof Omission] === value, `${key}: ${JSON.stringify(doc.omissions[i])}`);
          });
          if (row.stderr) assert.match(result.stderr, row.stderr);
          assert.match(result.stderr, /chainsight: error: the answer is incomplete/);
          if (row.absent) assert.ok(!result.stdout.includes(row.absent), result.stdout);
        } finally {
          ws.dispose();
        }
      });
    }
  }

  it('a link to a regular file inside the folder is read like the file', async () => {
    const ws = tempWorkspace({ 'project/real/package.json': '{"dependencies":{"lodash":"4.17.4"}}' });
    try {
      symlinkSync(join('real', 'package.json'), ws.path('project/package.json'));
      const result = await runCli(['inventory', ws.path('project'), '--format', 'json']);
      assert.equal(result.code, 0, result.stderr);
      const doc = JSON.parse(result.stdout) as { packages: Array<{ file: string; name: string }>; omissions: Omission[] };
      assert.deepEqual(doc.packages.map((p) => `${p.file} ${p.name}`).sort(), ['package.json lodash', 'real/package.json lodash']);
      assert.deepEqual(doc.omissions, []);
    } finally {
      ws.dispose();
    }
  });

  it('an include outside is read when the user allows it', async () => {
    const ws = tempWorkspace({ 'outside/base.txt': 'flask==0.12\n', 'project/requirements.txt': '-r ../outside/base.txt\n' });
    try {
      const result = await runCli(['inventory', ws.path('project'), '--format', 'json', '--allow-outside-includes']);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout).packages.map((p: { name: string }) => p.name), ['flask']);
    } finally {
      ws.dispose();
    }
  });

  it('a bad size is a usage error', async () => {
    const result = await runCli(['scan', EXAMPLE, '--max-file-bytes', 'lots']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--max-file-bytes must be a size such as 1048576, 512KiB or 256MiB \(got "lots"\)/);
  });
});
