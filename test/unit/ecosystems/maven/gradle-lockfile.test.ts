import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configurationGroups, parseGradleLockfile } from '../../../../server/src/ecosystems/maven/gradle-lockfile';
import { slice } from '../../../support/parse-results';

const file = resolve(__dirname, '../../../fixtures/ecosystems/maven/scenarios/gradle.lockfile');
const text = readFileSync(file, 'utf8');

describe('maven/gradle-lockfile', () => {
  const result = parseGradleLockfile(file, text);
  const byName = new Map(result.packages.map((p) => [p.name, p]));

  it('reads every module line, with versions and ranges on the right tokens', () => {
    assert.deepEqual(result.errors, []);
    assert.equal(result.packages.length, 7);
    for (const pkg of result.packages) {
      assert.equal(slice(text, pkg.nameRange), pkg.name);
      assert.equal(slice(text, pkg.versionRange), pkg.version);
      assert.equal(pkg.direct, false, 'gradle.lockfile records no roots');
      assert.equal(pkg.id, `${pkg.name}:${pkg.version}`);
    }
    assert.equal(result.importers, undefined);
  });

  const groupRows: Array<[string, string[]]> = [
    ['com.fasterxml.jackson.core:jackson-databind', []],
    ['org.junit.jupiter:junit-jupiter-api', ['test']],
    ['org.springframework.boot:spring-boot-devtools', ['dev']],
    ['org.projectlombok:lombok', ['build']],
    ['org.yaml:snakeyaml', []],
  ];
  for (const [name, groups] of groupRows) {
    it(`puts ${name} in ${JSON.stringify(groups)}: a group only when every configuration is in it`, () => {
      assert.deepEqual(byName.get(name)!.groups, groups);
    });
  }

  it('classifies configurations', () => {
    assert.deepEqual(configurationGroups(['testCompileClasspath', 'integrationTestRuntimeClasspath']), ['test']);
    assert.deepEqual(configurationGroups(['developmentOnly', 'testRuntimeClasspath']), ['dev', 'test']);
    assert.deepEqual(configurationGroups(['runtimeClasspath', 'testRuntimeClasspath']), []);
    assert.deepEqual(configurationGroups([]), []);
  });

  it('marks a buildscript lockfile build-time', () => {
    const r = parseGradleLockfile('/p/buildscript-gradle.lockfile', 'org.jetbrains.kotlin:kotlin-gradle-plugin:1.9.22=classpath\n');
    assert.deepEqual(r.packages[0]!.groups, ['build']);
  });

  it('reads CRLF files', () => {
    const r = parseGradleLockfile(file, text.replace(/\n/g, '\r\n'));
    assert.equal(r.packages.length, 7);
    assert.equal(r.packages[0]!.versionRange!.end.character, r.packages[0]!.versionRange!.start.character + r.packages[0]!.version.length);
  });

  it('gives one warning at a line it cannot read, and keeps the rest', () => {
    const broken = 'org.a:b:1.0=compileClasspath\n  not an entry\norg.c:d:2.0=runtimeClasspath\n';
    const r = parseGradleLockfile(file, broken);
    assert.deepEqual(r.packages.map((p) => p.name), ['org.a:b', 'org.c:d']);
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0]!.severity, 'warning');
    assert.equal(r.errors[0]!.range.start.line, 1);
    assert.equal(r.errors[0]!.range.start.character, 2);
  });
});
