import { strict as assert } from 'node:assert';
import { FORMATS as FILES, mavenEcosystem } from '../../../../server/src/ecosystems/maven';

describe('maven ecosystem', () => {
  it('names itself as OSV and purl do', () => {
    assert.equal(mavenEcosystem.name, 'Maven');
    assert.equal(mavenEcosystem.purlType, 'maven');
  });

  it('builds purls with the groupId as namespace', () => {
    assert.equal(mavenEcosystem.purl('org.apache.commons:commons-text', '1.9'), 'pkg:maven/org.apache.commons/commons-text@1.9');
    assert.equal(mavenEcosystem.purl('io.netty:netty-all', '4.1.42.Final'), 'pkg:maven/io.netty/netty-all@4.1.42.Final');
    assert.equal(mavenEcosystem.purl('g:a', ''), 'pkg:maven/g/a');
  });

  it('lists a parser for every file kind it declares, and pairs the catalog with gradle.lockfile', () => {
    for (const kind of FILES) assert.ok(mavenEcosystem.parsers[kind.parser], kind.parser);
    assert.deepEqual(Object.keys(mavenEcosystem.parsers).sort(), FILES.map((f) => f.parser).sort());
    assert.deepEqual(FILES.find((f) => f.parser === 'maven/libs-versions-toml')!.lockfiles, ['maven/gradle-lockfile']);
    assert.deepEqual(FILES.find((f) => f.parser === 'maven/pom-xml')!.lockfiles, []);
  });

  it('refreshes gradle.lockfile with the wrapper and has no Maven lockfile command', () => {
    assert.deepEqual(mavenEcosystem.lockfileCommand!('maven/gradle-lockfile'), { command: './gradlew', args: ['dependencies', '--write-locks'] });
    assert.equal(mavenEcosystem.lockfileCommand!('maven/pom-xml'), undefined);
  });

  it('keeps coordinates case-sensitive', () => {
    assert.equal(mavenEcosystem.normalizeName(' org.Example:Lib '), 'org.Example:Lib');
  });
});
