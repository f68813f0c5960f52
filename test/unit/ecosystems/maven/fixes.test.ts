import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyEdits } from '../../../../server/src/core/edits';
import type { ExtractedPackage } from '../../../../server/src/core/package';
import { mavenFixes } from '../../../../server/src/ecosystems/maven/fixes';
import { parseLibsVersionsToml } from '../../../../server/src/ecosystems/maven/libs-versions-toml';
import { parsePomXml } from '../../../../server/src/ecosystems/maven/pom-xml';
import { upgradedMavenVersion } from '../../../../server/src/ecosystems/maven/upgraded-version';
import type { ParsedFile } from '../../../../server/src/ecosystems/types';
import { diskContext } from '../../../support/parse-contexts';

const scenarios = resolve(__dirname, '../../../fixtures/ecosystems/maven/scenarios');

function pomFile(rel: string, text?: string): ParsedFile {
  const path = join(scenarios, rel);
  const body = text ?? readFileSync(path, 'utf8');
  return { path, text: body, result: parsePomXml(path, body, diskContext()) };
}

function pkg(file: ParsedFile, name: string): ExtractedPackage {
  const found = file.result.packages.find((p) => p.name === name);
  assert.ok(found, name);
  return found;
}

/** Applies the edits and re-parses: the file must stay valid and show the new version. */
function upgraded(file: ParsedFile, name: string, version: string): ParsedFile {
  const edits = mavenFixes.upgrade(file, pkg(file, name), version);
  assert.ok(edits, `no edit for ${name}`);
  const text = applyEdits(file.text, edits);
  const parse = file.path.endsWith('.toml') ? parseLibsVersionsToml : parsePomXml;
  const result = parse(file.path, text, diskContext());
  assert.deepEqual(result.errors.filter((e) => e.severity !== 'warning'), []);
  return { path: file.path, text, result };
}

describe('maven fixes', () => {
  describe('upgrade in pom.xml', () => {
    const app = pomFile('multi-module/app/pom.xml');

    it('rewrites a literal <version>', () => {
      const after = upgraded(app, 'javax.servlet:javax.servlet-api', '4.0.2');
      assert.equal(pkg(after, 'javax.servlet:javax.servlet-api').version, '4.0.2');
      assert.ok(after.text.includes('<version>4.0.2</version>'));
    });

    it('rewrites the <properties> entry an interpolated version comes from, not the reference', () => {
      const after = upgraded(app, 'org.apache.commons:commons-text', '1.10.0');
      assert.ok(after.text.includes('<commons-text.version>1.10.0</commons-text.version>'));
      assert.ok(after.text.includes('<version>${text.version}</version>'));
      assert.equal(pkg(after, 'org.apache.commons:commons-text').version, '1.10.0');
    });

    it('offers nothing when the version lives in the parent POM (property or dependencyManagement)', () => {
      assert.equal(mavenFixes.upgrade(app, pkg(app, 'org.apache.logging.log4j:log4j-api'), '2.17.1'), undefined);
      assert.equal(mavenFixes.upgrade(app, pkg(app, 'com.fasterxml.jackson.core:jackson-databind'), '2.13.4'), undefined);
      assert.equal(mavenFixes.upgrade(app, pkg(app, 'org.slf4j:slf4j-api'), '1.7.36'), undefined);
    });

    it('keeps a range a range when the fix fits under its upper bound', () => {
      const after = upgraded(app, 'com.google.guava:guava', '31.1-jre');
      assert.equal(pkg(after, 'com.google.guava:guava').requirement, '[31.1-jre,32.0)');
    });

    it('moves a version that the managing entry in the same file sets', () => {
      const text = '<project>\n  <dependencyManagement>\n    <dependencies>\n      <dependency>\n        <groupId>a</groupId>\n        <artifactId>b</artifactId>\n        <version>1.0</version>\n      </dependency>\n    </dependencies>\n  </dependencyManagement>\n  <dependencies>\n    <dependency>\n      <groupId>a</groupId>\n      <artifactId>b</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n';
      const after = upgraded(pomFile('managed/pom.xml', text), 'a:b', '1.1');
      assert.ok(after.text.includes('<version>1.1</version>'));
    });
  });

  const upgradeRows: Array<[string, string, string]> = [
    ['1.0', '1.2', '1.2'],
    ['[1.0]', '1.2', '[1.2]'],
    ['[1.0,2.0)', '1.2', '[1.2,2.0)'],
    ['[1.0, 2.0)', '1.2', '[1.2, 2.0)'],
    ['(1.0,2.0]', '2.0', '[2.0,2.0]'],
    ['[1.0,2.0)', '2.1', '2.1'],
    ['[1.0,)', '1.2', '[1.2,)'],
    ['(,1.0],[1.2,)', '1.3', '1.3'],
    ['[4.9, 5.0[', '4.10.0', '[4.10.0, 5.0['],
    ['3.1.+', '3.1.5', '3.1.5'],
  ];
  for (const [current, fixed, want] of upgradeRows) {
    it(`writes ${JSON.stringify(want)} for ${JSON.stringify(current)} fixed in ${fixed}`, () => assert.equal(upgradedMavenVersion(current, fixed), want));
  }

  describe('override through <dependencyManagement>', () => {
    it('creates the section before <dependencies>, indented like the file (tabs)', () => {
      const file = pomFile('single-tabs.xml');
      const fix = mavenFixes.override!(file, 'org.apache.commons:commons-lang3', '3.18.0', undefined);
      assert.ok(fix);
      const text = applyEdits(file.text, fix.edits);
      const want = [
        '\t<version>1.0</version>',
        '\t<dependencyManagement>',
        '\t\t<dependencies>',
        '\t\t\t<dependency>',
        '\t\t\t\t<groupId>org.apache.commons</groupId>',
        '\t\t\t\t<artifactId>commons-lang3</artifactId>',
        '\t\t\t\t<version>3.18.0</version>',
        '\t\t\t</dependency>',
        '\t\t</dependencies>',
        '\t</dependencyManagement>',
        '\t<dependencies>',
      ].join('\n');
      assert.ok(text.includes(want), text);
      assert.deepEqual(parsePomXml(file.path, text).errors, []);
    });

    it('appends to an existing <dependencyManagement><dependencies>', () => {
      const file = pomFile('multi-module/pom.xml');
      const fix = mavenFixes.override!(file, 'org.yaml:snakeyaml', '2.0', undefined)!;
      const text = applyEdits(file.text, fix.edits);
      const want = [
        '        <scope>import</scope>',
        '      </dependency>',
        '      <dependency>',
        '        <groupId>org.yaml</groupId>',
        '        <artifactId>snakeyaml</artifactId>',
        '        <version>2.0</version>',
        '      </dependency>',
        '    </dependencies>',
        '  </dependencyManagement>',
      ].join('\n');
      assert.ok(text.includes(want), text);
      assert.equal(fix.command, undefined, 'Maven has no lockfile to refresh');
    });

    it('moves an existing managed entry through the property it uses', () => {
      const file = pomFile('multi-module/pom.xml');
      const fix = mavenFixes.override!(file, 'com.fasterxml.jackson.core:jackson-databind', '2.13.4.2', undefined)!;
      const text = applyEdits(file.text, fix.edits);
      assert.ok(text.includes('<jackson.version>2.13.4.2</jackson.version>'));
      assert.equal(fix.edits.length, 1);
    });

    it('adds the whole section at the end of a project without dependencies', () => {
      const text = '<project>\n  <artifactId>x</artifactId>\n</project>\n';
      const fix = mavenFixes.override!(pomFile('bare/pom.xml', text), 'a:b', '2.0', undefined)!;
      assert.equal(
        applyEdits(text, fix.edits),
        '<project>\n  <artifactId>x</artifactId>\n  <dependencyManagement>\n    <dependencies>\n      <dependency>\n        <groupId>a</groupId>\n        <artifactId>b</artifactId>\n        <version>2.0</version>\n      </dependency>\n    </dependencies>\n  </dependencyManagement>\n</project>\n',
      );
    });

    it('fills an empty <dependencyManagement/>', () => {
      const text = '<project>\n  <dependencyManagement/>\n</project>\n';
      const fix = mavenFixes.override!(pomFile('empty-dm/pom.xml', text), 'a:b', '2.0', undefined)!;
      const after = applyEdits(text, fix.edits);
      assert.ok(after.includes('  <dependencyManagement>\n    <dependencies>\n      <dependency>'), after);
      assert.deepEqual(parsePomXml('/w/pom.xml', after).errors, []);
    });

    it('offers no override for Gradle files', () => {
      const file = pomFile('single-tabs.xml');
      assert.equal(mavenFixes.override!(file, 'a:b', '1', 'maven/gradle-lockfile'), undefined);
    });
  });

  describe('upgrade in a version catalog', () => {
    const path = join(scenarios, 'libs.versions.toml');
    const text = readFileSync(path, 'utf8');
    const file: ParsedFile = { path, text, result: parseLibsVersionsToml(path, text) };
    const rows: Array<[string, string, string]> = [
      ['com.fasterxml.jackson.core:jackson-databind', '2.13.4', 'jackson = "2.13.4"'],
      ['org.yaml:snakeyaml', '2.0', 'snakeyaml = "org.yaml:snakeyaml:2.0"'],
      ['com.squareup.okhttp3:okhttp', '4.10.0', 'okhttp = { strictly = "[4.10.0, 5.0[", prefer = "4.9.3" }'],
      ['org.apache.commons:commons-text', '1.10.0', 'version = "1.10.0" }'],
      ['com.h2database:h2', '2.2.220', 'version = { require = "2.2.220" }'],
    ];
    for (const [name, version, line] of rows) {
      it(`moves ${name} to ${version}`, () => {
        const after = upgraded(file, name, version);
        assert.ok(after.text.includes(line), after.text);
      });
    }
  });
});
