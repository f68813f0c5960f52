import { join } from 'node:path';
import { parseGradleLockfile } from '../../../../server/src/ecosystems/maven/gradle-lockfile';
import { parseLibsVersionsToml } from '../../../../server/src/ecosystems/maven/libs-versions-toml';
import { parsePomXml } from '../../../../server/src/ecosystems/maven/pom-xml';
import { describeFixtureTables } from '../../../support/fixture-tables';

describe('Maven corpus fixtures', () => {
  describeFixtureTables(join(__dirname, '../../../fixtures/ecosystems/maven'), [
    { format: 'maven-pom', parse: parsePomXml, helpers: ['osv-scalibr/parent/pom.xml'] },
    { format: 'gradle-lockfile', parse: parseGradleLockfile },
    { format: 'gradle-version-catalog', parse: parseLibsVersionsToml },
  ]);
});
