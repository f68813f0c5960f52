import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseGradleLockfile } from '../../../../server/src/ecosystems/maven/gradle-lockfile';
import { parseLibsVersionsToml } from '../../../../server/src/ecosystems/maven/libs-versions-toml';
import { parsePomXml } from '../../../../server/src/ecosystems/maven/pom-xml';
import { fixtureFiles } from '../../../support/fixture-files';
import { diskContext } from '../../../support/parse-contexts';
import { assertNeverThrows } from '../../../support/parser-fuzz';

const fixtures = resolve(__dirname, '../../../fixtures/ecosystems/maven');
const read = (files: string[]) => files.map((f) => readFileSync(f, 'utf8'));

describe('maven parsers under fuzzing (mutated fixtures)', () => {
  it('pom.xml never throws', () => {
    const seeds = read([...fixtureFiles(join(fixtures, 'maven-pom')), ...fixtureFiles(join(fixtures, 'scenarios')).filter((f) => f.endsWith('.xml'))]);
    // The parent POM is reachable, so parent resolution is fuzzed too.
    assertNeverThrows(parsePomXml, join(fixtures, 'scenarios/multi-module/app/pom.xml'), seeds, '<>/="${}[](),.:\n ', 300, diskContext());
  });

  it('gradle.lockfile never throws', () => {
    const seeds = read([...fixtureFiles(join(fixtures, 'gradle-lockfile')), join(fixtures, 'scenarios/gradle.lockfile')]);
    assertNeverThrows(parseGradleLockfile, '/p/gradle.lockfile', seeds, ':=,#\n\r ');
  });

  it('libs.versions.toml never throws', () => {
    const seeds = read([...fixtureFiles(join(fixtures, 'gradle-version-catalog')), join(fixtures, 'scenarios/libs.versions.toml')]);
    assertNeverThrows(parseLibsVersionsToml, '/p/gradle/libs.versions.toml', seeds, '[]{}=".\'\n#:, ');
  });
});
