import type { FormatEntry } from '../format';

/** Composer decodes both files with PHP's json_decode, which fails on a leading byte-order mark. */
const COMPOSER = 'Composer (PHP json_decode)';

/** Composer: composer.json and the composer.lock beside it. */
export const FORMATS = [
  { parser: 'packagist/composer-json', ecosystem: 'Packagist', kind: 'manifest', patterns: ['composer.json'], language: 'json', byteOrderMark: { rejectedBy: COMPOSER }, lockfiles: ['packagist/composer-lock'] },
  {
    parser: 'packagist/composer-lock',
    ecosystem: 'Packagist',
    kind: 'lockfile',
    patterns: ['composer.lock'],
    language: 'json',
    byteOrderMark: { rejectedBy: COMPOSER },
    // --minimal-changes (Composer 2.7+) moves only what the edited constraints require, like `npm
    // install --package-lock-only`; --no-install leaves vendor/ alone; --no-scripts runs no project
    // scripts. `composer update --lock` would only rewrite the hash, not the versions.
    lockfileCommand: { command: 'composer', args: ['update', '--minimal-changes', '--no-install', '--no-scripts'] },
    priority: 10,
    overrides: { read: [['conflict']], excludes: true },
  },
] as const satisfies readonly FormatEntry[];
