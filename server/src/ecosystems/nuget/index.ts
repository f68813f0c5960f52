import { nugetScheme } from '../../versions/nuget';
import type { Ecosystem, ParsersFor } from '../types';
import { lockfileCommandsOf } from '../lockfile-commands';
import { FORMATS } from './files';
import { parseCsproj } from './csproj';
import { parseDirectoryPackagesProps } from './directory-packages-props';
import { nugetFixes } from './fixes';
import { parsePackagesConfig } from './packages-config';
import { parsePackagesLockJson } from './packages-lock-json';
import { nugetRequirements } from './requirements';

export { FORMATS } from './files';

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
  } satisfies ParsersFor<typeof FORMATS>,
  requirements: nugetRequirements,
  fixes: nugetFixes,
  oneVersionPerPackage: true,
  lockfileCommand: lockfileCommandsOf('NuGet'),
  purl(name, version) {
    return `pkg:nuget/${encodeURIComponent(name)}${version ? `@${encodeURIComponent(version)}` : ''}`;
  },
};
