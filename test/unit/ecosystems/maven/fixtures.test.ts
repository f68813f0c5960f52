import { join } from 'node:path';
import { parseGradleLockfile } from '../../../../server/src/ecosystems/maven/gradle-lockfile';
import { parseLibsVersionsToml } from '../../../../server/src/ecosystems/maven/libs-versions-toml';
import { parsePomXml } from '../../../../server/src/ecosystems/maven/pom-xml';
import { describeFixtureTable } from './fixture-table';

describe('Maven corpus fixtures', () => {
  describeFixtureTable(join(__dirname, '../../../fixtures/ecosystems/maven'), [
    { format: 'maven-pom', parse: parsePomXml, helpers: ['osv-scalibr/parent/pom.xml'] },
    { format: 'gradle-lockfile', parse: parseGradleLockfile },
    { format: 'gradle-version-catalog', parse: parseLibsVersionsToml },
  ]);
});
