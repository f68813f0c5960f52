import type { FormatEntry } from '../format';

/**
 * NuGet files. Project files pair with the packages.lock.json beside them (written when
 * `RestorePackagesWithLockFile` is on). Directory.Packages.props is shared by every project below
 * it, and packages.config lists exact versions itself, so neither pairs with a lockfile. MSBuild's
 * XML reader and NuGet's JSON reader both detect and skip a byte-order mark.
 */
export const FORMATS = [
  {
    parser: 'nuget/csproj',
    ecosystem: 'NuGet',
    kind: 'manifest',
    patterns: ['*.csproj', '*.fsproj', '*.vbproj'],
    language: 'xml',
    byteOrderMark: 'accepted',
    lockfiles: ['nuget/packages-lock-json'],
  },
  { parser: 'nuget/directory-packages-props', ecosystem: 'NuGet', kind: 'manifest', patterns: ['Directory.Packages.props'], language: 'xml', byteOrderMark: 'accepted', lockfiles: [] },
  { parser: 'nuget/packages-config', ecosystem: 'NuGet', kind: 'manifest', patterns: ['packages.config'], language: 'xml', byteOrderMark: 'accepted', lockfiles: [] },
  {
    parser: 'nuget/packages-lock-json',
    ecosystem: 'NuGet',
    kind: 'lockfile',
    patterns: ['packages.lock.json'],
    language: 'json',
    byteOrderMark: 'accepted',
    // --force-evaluate re-resolves instead of trusting the lock file, then rewrites it.
    lockfileCommand: { command: 'dotnet', args: ['restore', '--force-evaluate'] },
    priority: 10,
  },
] as const satisfies readonly FormatEntry[];
