import type { DependencyFileKind } from '../files';

/**
 * NuGet files. Project files pair with the packages.lock.json beside them (written when
 * `RestorePackagesWithLockFile` is on). Directory.Packages.props is shared by every project below
 * it, and packages.config lists exact versions itself, so neither pairs with a lockfile.
 */
export const FILES: readonly DependencyFileKind[] = [
  { parser: 'nuget/csproj', ecosystem: 'NuGet', kind: 'manifest', patterns: ['*.csproj', '*.fsproj', '*.vbproj'], lockfiles: ['nuget/packages-lock-json'] },
  { parser: 'nuget/directory-packages-props', ecosystem: 'NuGet', kind: 'manifest', patterns: ['Directory.Packages.props'], lockfiles: [] },
  { parser: 'nuget/packages-config', ecosystem: 'NuGet', kind: 'manifest', patterns: ['packages.config'], lockfiles: [] },
  { parser: 'nuget/packages-lock-json', ecosystem: 'NuGet', kind: 'lockfile', patterns: ['packages.lock.json'], priority: 10 },
];
