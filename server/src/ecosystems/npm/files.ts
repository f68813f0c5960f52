import type { FormatEntry } from '../format';
import { yarnLockfileCommand } from './yarn-flavour';

/** npm, npm-shrinkwrap and bun share one field; each tool of the family reads its own. */
const NPM_OVERRIDES = { read: [['overrides']], write: { path: ['overrides'], label: 'npm override' } } as const;

/**
 * The npm family's dependency files. Every lockfile resolves package.json. None but
 * npm-shrinkwrap.json shadows another: where a folder holds two, the manifest pairs with the first
 * in its `lockfiles` order and the other is still scanned on its own.
 *
 * All of them accept a byte-order mark: npm parses with json-parse-even-better-errors (strips it),
 * yarn 1 strips it before parsing, yarn 2+ and pnpm read YAML (which allows it), and bun's JSON
 * lexer reads U+FEFF as white space.
 */
export const FORMATS = [
  {
    parser: 'npm/package-json',
    ecosystem: 'npm',
    kind: 'manifest',
    patterns: ['package.json'],
    language: 'json',
    byteOrderMark: 'accepted',
    // A newer tool's lockfile is usually the live one when an older one was left behind (`pnpm
    // import`, `bun install`); package.json's `packageManager` field, when set, decides first.
    lockfiles: ['npm/npm-shrinkwrap', 'npm/bun-lock', 'npm/pnpm-lock', 'npm/yarn-lock', 'npm/package-lock'],
  },
  {
    parser: 'npm/npm-shrinkwrap',
    ecosystem: 'npm',
    kind: 'lockfile',
    patterns: ['npm-shrinkwrap.json'],
    language: 'json',
    byteOrderMark: 'accepted',
    lockfileCommand: { command: 'npm', args: ['install', '--package-lock-only', '--ignore-scripts'] },
    priority: 20,
    shadows: ['npm/package-lock'],
    overrides: NPM_OVERRIDES,
    writtenBy: 'npm',
  },
  {
    parser: 'npm/package-lock',
    ecosystem: 'npm',
    kind: 'lockfile',
    patterns: ['package-lock.json'],
    language: 'json',
    byteOrderMark: 'accepted',
    lockfileCommand: { command: 'npm', args: ['install', '--package-lock-only', '--ignore-scripts'] },
    priority: 10,
    overrides: NPM_OVERRIDES,
    writtenBy: 'npm',
  },
  {
    parser: 'npm/yarn-lock',
    ecosystem: 'npm',
    kind: 'lockfile',
    patterns: ['yarn.lock'],
    language: 'yarnlock',
    byteOrderMark: 'accepted',
    lockfileCommand: yarnLockfileCommand,
    writtenBy: 'yarn',
    overrides: { read: [['resolutions']], write: { path: ['resolutions'], label: 'yarn resolution' } },
  },
  {
    parser: 'npm/pnpm-lock',
    ecosystem: 'npm',
    kind: 'lockfile',
    patterns: ['pnpm-lock.yaml'],
    language: 'yaml',
    byteOrderMark: 'accepted',
    // Resolves and writes the lockfile only: no node_modules, no install scripts.
    lockfileCommand: { command: 'pnpm', args: ['install', '--lockfile-only'] },
    writtenBy: 'pnpm',
    // pnpm also honours `resolutions`, but its own field is the documented one.
    overrides: { read: [['resolutions'], ['pnpm', 'overrides']], write: { path: ['pnpm', 'overrides'], label: 'pnpm override' } },
  },
  {
    // bun.lockb (the binary format before bun 1.2) is not read.
    parser: 'npm/bun-lock',
    ecosystem: 'npm',
    kind: 'lockfile',
    patterns: ['bun.lock'],
    language: 'jsonc',
    byteOrderMark: 'accepted',
    lockfileCommand: { command: 'bun', args: ['install', '--lockfile-only'] },
    writtenBy: 'bun',
    // bun also reads `resolutions`; `overrides` is the field it shares with npm, so one edit serves both.
    overrides: { read: [['overrides'], ['resolutions']], write: { path: ['overrides'], label: 'bun override' } },
  },
] as const satisfies readonly FormatEntry[];
