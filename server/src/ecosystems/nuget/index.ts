import { nugetScheme } from '../../versions/nuget';
import type { Ecosystem } from '../types';
import { parseCsproj } from './csproj';
import { parseDirectoryPackagesProps } from './directory-packages-props';
import { nugetFixes } from './fixes';
import { parsePackagesConfig } from './packages-config';
import { parsePackagesLockJson } from './packages-lock-json';
import { nugetRequirements } from './requirements';

export { FILES } from './files';

export const nugetEcosystem: Ecosystem = {
  name: 'NuGet',
  purlType: 'nuget',
  scheme: nugetScheme,
  // NuGet ids are case-insensitive. Parsers keep the file's spelling (what users read, and what
  // api.osv.dev needs: its NuGet look-up is case-sensitive, osv.dev#5292, and OSV records use the
  // nuget.org spelling); comparisons go through this lower-casing.
  normalizeName: (name) => name.trim().toLowerCase(),
  parsers: {
    'nuget/csproj': parseCsproj,
    'nuget/directory-packages-props': parseDirectoryPackagesProps,
    'nuget/packages-lock-json': parsePackagesLockJson,
    'nuget/packages-config': parsePackagesConfig,
  },
  requirements: nugetRequirements,
  fixes: nugetFixes,
  oneVersionPerPackage: true,
  lockfileCommand(lockfileParser) {
    // --force-evaluate re-resolves instead of trusting the lock file, then rewrites it.
    return lockfileParser === 'nuget/packages-lock-json' ? { command: 'dotnet', args: ['restore', '--force-evaluate'] } : undefined;
  },
  purl(name, version) {
    return `pkg:nuget/${encodeURIComponent(name)}${version ? `@${encodeURIComponent(version)}` : ''}`;
  },
};
