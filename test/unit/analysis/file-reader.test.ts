import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { DependencyFileReader, type FileRead } from '../../../server/src/analysis/file-reader';
import { DEFAULT_LIMITS, type ReadLimits } from '../../../server/src/analysis/limits';
import { OverlayTexts } from '../../../server/src/service/overlay-texts';
import { tempWorkspace, type TempWorkspace } from '../../support/temp-workspace';

/** What a read gave, in one comparable line: `text: …`, `missing`, or `reason: detail`. */
function outcome(read: FileRead): string {
  if (read.kind === 'text') return `text: ${read.text}`;
  return read.kind === 'missing' ? 'missing' : `${read.omission.reason}: ${read.omission.detail}`;
}

const devZeroLockfile = (ws: TempWorkspace) => {
  mkdirSync(ws.path('root'));
  symlinkSync('/dev/zero', ws.path('root/package-lock.json'));
};
const outsideSecret = (ws: TempWorkspace) => {
  ws.write('outside/secret.txt', 'hunter2');
  mkdirSync(ws.path('root'));
};

describe('the dependency file reader (CLI and language server alike)', () => {
  // The workspace folder is `ws/root`; `ws/outside` is a neighbour it must not read from.
  const ROWS: Array<{ name: string; setup(ws: TempWorkspace): void; read: string; from?: string; limits?: Partial<ReadLimits>; want: string | RegExp }> = [
    { name: 'a regular file', setup: (ws) => ws.write('root/package.json', '{}'), read: 'root/package.json', want: 'text: {}' },
    { name: 'a missing file is a probe, not a refusal', setup: (ws) => mkdirSync(ws.path('root')), read: 'root/go.sum', want: 'missing' },
    {
      name: 'a link to a regular file inside',
      setup: (ws) => {
        ws.write('root/real/package.json', '{"a":1}');
        symlinkSync('real/package.json', ws.path('root/package.json'));
      },
      read: 'root/package.json',
      want: 'text: {"a":1}',
    },
    {
      name: 'a link to a file outside',
      setup: (ws) => {
        ws.write('outside/secret', 'x');
        mkdirSync(ws.path('root'));
        symlinkSync(ws.path('outside/secret'), ws.path('root/package-lock.json'));
      },
      read: 'root/package-lock.json',
      want: /^outside-workspace: a symbolic link to \/.*\/outside\/secret, outside the workspace folder \/.*\/root$/,
    },
    { name: 'a link to /dev/zero', setup: devZeroLockfile, read: 'root/package-lock.json', want: /^outside-workspace: a symbolic link to \/dev\/zero/ },
    {
      name: 'a link to /dev/zero, outside reads allowed',
      setup: devZeroLockfile,
      read: 'root/package-lock.json',
      limits: { allowIncludesOutsideWorkspace: true },
      want: 'not-a-file: a character device, not a regular file',
    },
    {
      name: 'a named pipe is refused without blocking',
      setup: (ws) => {
        mkdirSync(ws.path('root'));
        execFileSync('mkfifo', [ws.path('root/requirements.txt')]);
      },
      read: 'root/requirements.txt',
      want: 'not-a-file: a named pipe, not a regular file',
    },
    { name: 'a folder', setup: (ws) => mkdirSync(ws.path('root/pom.xml'), { recursive: true }), read: 'root/pom.xml', want: 'not-a-file: a folder, not a regular file' },
    {
      name: 'a loop of links',
      setup: (ws) => {
        mkdirSync(ws.path('root'));
        symlinkSync('b', ws.path('root/a'));
        symlinkSync('a', ws.path('root/b'));
      },
      read: 'root/a',
      want: 'not-a-file: a loop of symbolic links',
    },
    { name: 'a file over the limit', setup: (ws) => ws.write('root/yarn.lock', 'x'.repeat(3000)), read: 'root/yarn.lock', limits: { maxFileBytes: 2048 }, want: 'too-large: 2.9 KiB, over the 2 KiB limit' },
    { name: 'a file at the limit', setup: (ws) => ws.write('root/yarn.lock', 'x'.repeat(2048)), read: 'root/yarn.lock', limits: { maxFileBytes: 2048 }, want: `text: ${'x'.repeat(2048)}` },
    { name: 'an include inside', setup: (ws) => ws.write('root/a/base.txt', 'flask'), read: 'root/a/base.txt', from: 'root/a/requirements.txt', want: 'text: flask' },
    {
      name: 'an include outside',
      setup: outsideSecret,
      read: 'outside/secret.txt',
      from: 'root/requirements.txt',
      want: /^outside-workspace: outside the workspace folder \/.*\/root$/,
    },
    {
      name: 'an include outside, allowed',
      setup: outsideSecret,
      read: 'outside/secret.txt',
      from: 'root/requirements.txt',
      limits: { allowIncludesOutsideWorkspace: true },
      want: 'text: hunter2',
    },
    {
      name: 'an include that leaves and comes back through ..',
      setup: (ws) => ws.write('root/base.txt', 'flask'),
      read: 'root/../root/base.txt',
      from: 'root/requirements.txt',
      want: 'text: flask',
    },
  ];
  for (const row of ROWS) {
    it(row.name, () => {
      const ws = tempWorkspace();
      try {
        row.setup(ws);
        const reader = new DependencyFileReader(() => ({ roots: [ws.path('root')], limits: { ...DEFAULT_LIMITS, ...row.limits } }));
        const got = outcome(reader.read(ws.path(row.read), row.from ? ws.path(row.from) : undefined));
        if (typeof row.want === 'string') assert.equal(got, row.want);
        else assert.match(got, row.want);
      } finally {
        ws.dispose();
      }
    });
  }

  it('editor buffers obey the same size and place rules (the language server text source)', () => {
    const ws = tempWorkspace({ 'root/requirements.txt': 'on disk' });
    try {
      const texts = new OverlayTexts(() => ({ roots: [ws.path('root')], limits: { ...DEFAULT_LIMITS, maxFileBytes: 10 } }));
      texts.set(ws.path('root/requirements.txt'), 'an unsaved buffer over ten bytes');
      texts.set(ws.path('outside.txt'), 'ok');
      assert.equal(outcome(texts.read(ws.path('root/requirements.txt'))), 'too-large: 32 bytes, over the 10 bytes limit');
      assert.match(outcome(texts.read(ws.path('outside.txt'), ws.path('root/requirements.txt'))), /^outside-workspace: /);
      texts.close(ws.path('root/requirements.txt'));
      assert.equal(outcome(texts.read(ws.path('root/requirements.txt'))), 'text: on disk');
      writeFileSync(ws.path('root/requirements.txt'), 'now it is longer than ten');
      assert.match(outcome(texts.read(ws.path('root/requirements.txt'))), /^too-large: /);
    } finally {
      ws.dispose();
    }
  });
});
