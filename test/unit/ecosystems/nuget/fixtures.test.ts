import { join } from 'node:path';
import { parseCsproj } from '../../../../server/src/ecosystems/nuget/csproj';
import { parseDirectoryPackagesProps } from '../../../../server/src/ecosystems/nuget/directory-packages-props';
import { parsePackagesConfig } from '../../../../server/src/ecosystems/nuget/packages-config';
import { parsePackagesLockJson } from '../../../../server/src/ecosystems/nuget/packages-lock-json';
import { describeFixtureTables } from '../../../support/fixture-tables';

// The corpus gives no expectation for its `invalid` fixtures ("not xml" / "not json"): they must fail.
const invalid = { 'osv-scalibr/invalid': { error: true } };

describe('NuGet corpus fixtures', () => {
  describeFixtureTables(join(__dirname, '../../../fixtures/ecosystems/nuget'), [
    { format: 'nuget-csproj', parse: parseCsproj, own: invalid },
    { format: 'nuget-central-package-management', parse: parseDirectoryPackagesProps, own: invalid },
    { format: 'nuget-packages-lock', parse: parsePackagesLockJson, own: { 'osv-scalibr/invalid/invalid': { error: true } } },
    { format: 'nuget-packages-config', parse: parsePackagesConfig, own: invalid },
  ]);
});
