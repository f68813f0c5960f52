import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { formatAuthor, readGitIdentity, vexAuthor } from '../../../server/src/vex/author';
import { parseGitConfig } from '../../../server/src/vex/git-config';

/** A machine in a temporary folder: a home, an XDG config folder, and a repository. */
interface Layout {
  files: Record<string, string>;
  /** Where the workspace folder is, relative to the root. */
  folder: string;
  xdg?: boolean;
}

interface Row {
  name: string;
  layout: Layout;
  want: { name?: string; email?: string };
}

const ROWS: Row[] = [
  {
    name: 'the repository wins over the user files',
    layout: {
      files: {
        'home/.gitconfig': '[user]\n\tname = Home Name\n\temail = home@example.com\n',
        'repo/.git/config': '[core]\n\tbare = false\n[user]\n\temail = work@example.com\n',
      },
      folder: 'repo/packages/app',
    },
    want: { name: 'Home Name', email: 'work@example.com' },
  },
  {
    name: '~/.gitconfig wins over $XDG_CONFIG_HOME/git/config',
    layout: { files: { 'xdg/git/config': '[user]\n name = Xdg Name\n email = xdg@example.com\n', 'home/.gitconfig': '[user]\n name = Home Name\n', 'repo/.git/config': '' }, folder: 'repo', xdg: true },
    want: { name: 'Home Name', email: 'xdg@example.com' },
  },
  {
    name: 'without $XDG_CONFIG_HOME, ~/.config/git/config',
    layout: { files: { 'home/.config/git/config': '[user]\n name = Config Name\n', 'repo/.git/config': '' }, folder: 'repo' },
    want: { name: 'Config Name' },
  },
  {
    name: 'include.path, relative to the including file, and ~/ for home',
    layout: {
      files: {
        'home/.gitconfig': '[include]\n\tpath = .config/identity.inc\n[include]\n\tpath = ~/later.inc\n',
        'home/.config/identity.inc': '[user]\n\tname = "Included Name"\n\temail = inc@example.com\n',
        'home/later.inc': '[user]\n\temail = later@example.com\n',
        'repo/.git/config': '',
      },
      folder: 'repo',
    },
    want: { name: 'Included Name', email: 'later@example.com' },
  },
  {
    name: 'an include cycle ends',
    layout: { files: { 'home/.gitconfig': '[include]\n path = a.inc\n', 'home/a.inc': '[user]\n name = Cycle\n[include]\n path = .gitconfig\n', 'repo/.git/config': '' }, folder: 'repo' },
    want: { name: 'Cycle' },
  },
  {
    name: 'a linked worktree: the shared config, then config.worktree',
    layout: {
      files: {
        'main/.git/config': '[user]\n name = Shared Name\n email = shared@example.com\n',
        'main/.git/worktrees/feature/commondir': '../..\n',
        'main/.git/worktrees/feature/config.worktree': '[user]\n email = feature@example.com\n',
        'feature/.git': 'gitdir: ../main/.git/worktrees/feature\n',
      },
      folder: 'feature',
    },
    want: { name: 'Shared Name', email: 'feature@example.com' },
  },
  {
    name: 'quoting, escapes, comments and odd spacing as git writes and reads them',
    layout: { files: { 'repo/.git/config': '# comment\n[User]\n    Name=  "Zoë \\"Z\\" O\'Brien"   ; trailing comment\n  EMAIL = zoe@example.com # why not\n' }, folder: 'repo' },
    want: { name: 'Zoë "Z" O\'Brien', email: 'zoe@example.com' },
  },
  {
    name: 'subsections and other sections do not leak into user',
    layout: { files: { 'repo/.git/config': '[user "other"]\n name = Wrong\n[remote "origin"]\n name = Wrong too\n[user]\n name = Right\n' }, folder: 'repo' },
    want: { name: 'Right' },
  },
  { name: 'nothing configured anywhere', layout: { files: { 'repo/.git/config': '[core]\n bare = false\n' }, folder: 'repo' }, want: {} },
];

describe('git identity read without running git', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'chainsight-author-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function build(layout: Layout): { folder: string; env: { home: string; xdgConfigHome?: string } } {
    for (const [file, text] of Object.entries(layout.files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    mkdirSync(path.join(root, layout.folder), { recursive: true });
    mkdirSync(path.join(root, 'home'), { recursive: true });
    return { folder: path.join(root, layout.folder), env: { home: path.join(root, 'home'), ...(layout.xdg ? { xdgConfigHome: path.join(root, 'xdg') } : {}) } };
  }

  for (const row of ROWS) {
    it(row.name, () => {
      const { folder, env } = build(row.layout);
      const identity = readGitIdentity(folder, env);
      assert.deepEqual({ ...(identity.name !== undefined ? { name: identity.name } : {}), ...(identity.email !== undefined ? { email: identity.email } : {}) }, row.want);
    });
  }

  it('the author: the setting first, then git as `Name <email>`', () => {
    const { folder, env } = build({ files: { 'repo/.git/config': '[user]\n name = Jane Doe\n email = jane@example.com\n' }, folder: 'repo' });
    assert.equal(vexAuthor('Security Team <security@example.com>', folder, env), 'Security Team <security@example.com>');
    assert.equal(vexAuthor('  ', folder, env), 'Jane Doe <jane@example.com>');
    assert.equal(formatAuthor({ email: 'only@example.com' }), 'only@example.com');
    assert.equal(formatAuthor({}), undefined);
  });
});

describe('git config syntax', () => {
  it('continued lines, bare keys, the deprecated [section.sub] form', () => {
    assert.deepEqual(parseGitConfig('[core]\n\tfilemode\n[user]\n\tname = Jane \\\nDoe\n[branch.Main]\n\tremote = origin\n'), [
      { section: 'core', key: 'filemode', value: 'true' },
      { section: 'user', key: 'name', value: 'Jane Doe' },
      { section: 'branch', subsection: 'main', key: 'remote', value: 'origin' },
    ]);
  });
});
