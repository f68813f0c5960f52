import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCsproj } from '../../../../server/src/ecosystems/nuget/csproj';
import { parseDirectoryPackagesProps } from '../../../../server/src/ecosystems/nuget/directory-packages-props';
import { parsePackagesConfig } from '../../../../server/src/ecosystems/nuget/packages-config';
import { parsePackagesLockJson } from '../../../../server/src/ecosystems/nuget/packages-lock-json';
import { fixtureFiles } from '../../../support/fixture-files';
import { diskContext } from '../../../support/parse-contexts';
import { assertNeverThrows } from '../../../support/parser-fuzz';

const fixtures = resolve(__dirname, '../../../fixtures/ecosystems/nuget');
const read = (files: string[]) => files.map((f) => readFileSync(f, 'utf8'));
const xml = '<>/="$()[],.\n ';

describe('nuget parsers under fuzzing (mutated fixtures)', () => {
  it('csproj never throws (central versions reachable)', () => {
    const seeds = read([...fixtureFiles(join(fixtures, 'nuget-csproj')), join(fixtures, 'scenarios/src/Shop.Api/Shop.Api.csproj'), join(fixtures, 'scenarios/cpm/src/Web/Web.csproj')]);
    assertNeverThrows(parseCsproj, join(fixtures, 'scenarios/cpm/src/Web/Web.csproj'), seeds, xml, 300, diskContext());
  });

  it('Directory.Packages.props never throws', () => {
    const seeds = read([...fixtureFiles(join(fixtures, 'nuget-central-package-management')), join(fixtures, 'scenarios/cpm/Directory.Packages.props')]);
    assertNeverThrows(parseDirectoryPackagesProps, '/p/Directory.Packages.props', seeds, xml);
  });

  it('packages.lock.json never throws', () => {
    const seeds = read([...fixtureFiles(join(fixtures, 'nuget-packages-lock')), join(fixtures, 'scenarios/src/Shop.Api/packages.lock.json')]);
    assertNeverThrows(parsePackagesLockJson, '/p/packages.lock.json', seeds, '{}[]":,\\ \n');
  });

  it('packages.config never throws', () => {
    const seeds = read([...fixtureFiles(join(fixtures, 'nuget-packages-config')), join(fixtures, 'scenarios/legacy/packages.config')]);
    assertNeverThrows(parsePackagesConfig, '/p/packages.config', seeds, xml);
  });
});
