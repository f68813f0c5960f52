import assert from 'node:assert/strict';
import * as path from 'node:path';
import { scanFolder } from '../../../server/src/analysis/scan';
import { readGitCheckout } from '../../../server/src/projects/git-checkout';
import { identifyProject } from '../../../server/src/projects/project-identity';
import { FIXTURES, tempWorkspace, type TempWorkspace } from '../../support/temp-workspace';
import { source } from './store-fixture';

const A = '0123456789abcdef0123456789abcdef01234567';
const B = 'fedcba9876543210fedcba9876543210fedcba98';
const CONFIG = `[core]\n\trepositoryformatversion = 0\n[remote "origin"]\n\turl = https://ci-bot:ghp_secret123@github.com/acme/app.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[remote "upstream"]\n\turl = git@github.com:upstream/app.git\n[branch "feature"]\n\tremote = upstream\n\tmerge = refs/heads/feature\n`;

/** Each row is a git layout written by hand (no git run), the folder asked about, and what must be read. */
const LAYOUTS: Array<{ name: string; files: Record<string, string>; folder: string; want: { commit?: string; branch?: string; remoteUrl?: string; worktree: string } | undefined }> = [
  {
    name: 'a branch with a loose ref; credentials kept out of the remote',
    files: { '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${A}\n`, '.git/config': CONFIG },
    folder: '',
    want: { commit: A, branch: 'main', remoteUrl: 'https://github.com/acme/app.git', worktree: '' },
  },
  {
    name: 'a ref only in packed-refs (peeled tag lines skipped)',
    files: { '.git/HEAD': 'ref: refs/heads/main\n', '.git/packed-refs': `# pack-refs with: peeled fully-peeled sorted\n${B} refs/heads/other\n${A} refs/heads/main\n^${B}\n`, '.git/config': CONFIG },
    folder: '',
    want: { commit: A, branch: 'main', remoteUrl: 'https://github.com/acme/app.git', worktree: '' },
  },
  {
    name: 'a loose ref wins over a stale packed one',
    files: { '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${B}\n`, '.git/packed-refs': `${A} refs/heads/main\n` },
    folder: '',
    want: { commit: B, branch: 'main', worktree: '' },
  },
  { name: 'a detached HEAD', files: { '.git/HEAD': `${B}\n` }, folder: '', want: { commit: B, worktree: '' } },
  { name: 'a branch with no commit yet', files: { '.git/HEAD': 'ref: refs/heads/main\n' }, folder: '', want: { branch: 'main', worktree: '' } },
  {
    name: 'the branch remote preferred over origin',
    files: { '.git/HEAD': 'ref: refs/heads/feature\n', '.git/refs/heads/feature': `${A}\n`, '.git/config': CONFIG },
    folder: '',
    want: { commit: A, branch: 'feature', remoteUrl: 'git@github.com:upstream/app.git', worktree: '' },
  },
  {
    name: 'a symbolic ref followed',
    files: { '.git/HEAD': 'ref: refs/heads/alias\n', '.git/refs/heads/alias': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${A}\n` },
    folder: '',
    want: { commit: A, branch: 'alias', worktree: '' },
  },
  {
    name: 'a subfolder of the checkout (a monorepo package)',
    files: { '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${A}\n`, 'packages/api/package.json': '{}' },
    folder: 'packages/api',
    want: { commit: A, branch: 'main', worktree: '' },
  },
  {
    name: 'a linked worktree: .git file, its own HEAD, refs and config in the common dir',
    files: {
      'main/.git/HEAD': 'ref: refs/heads/main\n',
      'main/.git/refs/heads/main': `${A}\n`,
      'main/.git/refs/heads/hotfix': `${B}\n`,
      'main/.git/config': CONFIG,
      'main/.git/worktrees/hotfix/HEAD': 'ref: refs/heads/hotfix\n',
      'main/.git/worktrees/hotfix/commondir': '../..\n',
      'hotfix/.git': 'gitdir: ../main/.git/worktrees/hotfix\n',
    },
    folder: 'hotfix',
    want: { commit: B, branch: 'hotfix', remoteUrl: 'https://github.com/acme/app.git', worktree: 'hotfix' },
  },
  {
    name: 'a submodule: .git file into the parent modules folder',
    files: {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/refs/heads/main': `${A}\n`,
      '.git/modules/vendor/lib/HEAD': `${B}\n`,
      '.git/modules/vendor/lib/config': '[remote "origin"]\n\turl = https://github.com/acme/lib\n',
      'vendor/lib/.git': 'gitdir: ../../.git/modules/vendor/lib\n',
    },
    folder: 'vendor/lib',
    want: { commit: B, remoteUrl: 'https://github.com/acme/lib', worktree: 'vendor/lib' },
  },
  { name: 'a .git file that names nothing', files: { '.git': 'not a gitdir line\n' }, folder: '', want: undefined },
];

describe('projects/identity: name, remote and commit read from the files', () => {
  const made: TempWorkspace[] = [];
  afterEach(() => {
    for (const ws of made.splice(0)) ws.dispose();
  });

  for (const row of LAYOUTS) {
    it(`git: ${row.name}`, async () => {
      const ws = tempWorkspace(row.files);
      made.push(ws);
      const found = await readGitCheckout(ws.path(row.folder));
      if (!row.want) return assert.equal(found, undefined);
      const { worktree, ...rest } = row.want;
      assert.deepEqual({ ...(found?.commit ? { commit: found.commit } : {}), ...(found?.branch ? { branch: found.branch } : {}), ...(found?.remoteUrl ? { remoteUrl: found.remoteUrl } : {}) }, rest);
      assert.equal(found?.worktree, ws.path(worktree).replace(/\/$/, ''));
    });
  }

  const NAMES: Array<{ name: string; given?: string; manifest: boolean; want: string }> = [
    { name: 'the root manifest names the project', manifest: true, want: 'npm-app' },
    { name: '--project wins over the manifest', given: 'billing', manifest: true, want: 'billing' },
    { name: 'the folder names a project without a manifest name', manifest: false, want: 'checkout' },
  ];
  for (const row of NAMES) {
    it(`name: ${row.name}`, async () => {
      const ws = tempWorkspace(row.manifest ? { 'checkout/app': { copyFrom: path.join(FIXTURES, '../../examples/npm-app') } } : { 'checkout/requirements.txt': 'flask==2.0.0\n' });
      made.push(ws);
      const root = row.manifest ? ws.path('checkout/app') : ws.path('checkout');
      const { analysis } = await scanFolder(root, source());
      const project = await identifyProject(root, { analysis, ...(row.given ? { name: row.given } : {}), commit: A.toUpperCase() });
      assert.equal(project.name, row.want);
      assert.equal(project.commit, A, '--commit is kept in lower case');
      if (row.manifest) assert.deepEqual(project.self, { name: 'npm-app', version: '1.0.0', purl: 'pkg:npm/npm-app@1.0.0' });
    });
  }
});
