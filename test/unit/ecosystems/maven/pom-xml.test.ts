import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExtractedPackage, ParseResult } from '../../../../server/src/core/package';
import type { Range } from '../../../../server/src/core/text-range';
import { parsePomXml } from '../../../../server/src/ecosystems/maven/pom-xml';
import { diskContext } from '../../../support/parse-contexts';

const scenarios = resolve(__dirname, '../../../fixtures/ecosystems/maven/scenarios');

function slice(text: string, range: Range | undefined): string | undefined {
  if (!range) return undefined;
  const lines = text.split('\n');
  assert.equal(range.start.line, range.end.line, 'ranges here are on one line');
  return lines[range.start.line]!.slice(range.start.character, range.end.character);
}

function parseScenario(rel: string): { text: string; result: ParseResult; byName: Map<string, ExtractedPackage> } {
  const file = join(scenarios, rel);
  const text = readFileSync(file, 'utf8');
  const result = parsePomXml(file, text, diskContext());
  return { text, result, byName: new Map(result.packages.map((p) => [p.name, p])) };
}

describe('maven/pom-xml', () => {
  describe('a module with a parent POM in the workspace', () => {
    const { text, result, byName } = parseScenario('multi-module/app/pom.xml');

    const rows: Array<{ name: string; version: string; requirement?: string; versionText?: string; versionLine?: number; nameText: string; groups: string[] }> = [
      // A literal version: the range is the <version> text.
      { name: 'javax.servlet:javax.servlet-api', version: '4.0.1', requirement: '4.0.1', versionText: '4.0.1', nameText: 'javax.servlet-api', groups: ['provided'] },
      // ${text.version} → ${commons-text.version} → 1.9: the range is the <properties> entry that holds 1.9.
      { name: 'org.apache.commons:commons-text', version: '1.9', requirement: '1.9', versionText: '1.9', versionLine: 13, nameText: 'commons-text', groups: [] },
      // The property lives in the parent: the range stays on the reference in this file.
      { name: 'org.apache.logging.log4j:log4j-api', version: '2.14.1', requirement: '2.14.1', versionText: '${log4j.version}', nameText: 'log4j-api', groups: [] },
      // Managed in the parent's <dependencyManagement>: known version, no range in this file.
      { name: 'com.fasterxml.jackson.core:jackson-databind', version: '2.13.0', requirement: '2.13.0', nameText: 'jackson-databind', groups: [] },
      // Built-ins: ${project.groupId} / ${project.version} inherited from <parent>.
      { name: 'com.example.shop:shop-lib', version: '2.3.0', requirement: '2.3.0', versionText: '${project.version}', nameText: 'shop-lib', groups: [] },
      // A range is a requirement, not a version.
      { name: 'com.google.guava:guava', version: '', requirement: '[30.0-jre,32.0)', versionText: '[30.0-jre,32.0)', nameText: 'guava', groups: ['optional'] },
      // Managed only by an imported BOM (a repository artifact): the version is unknown.
      { name: 'org.junit.jupiter:junit-jupiter', version: '', nameText: 'junit-jupiter', groups: ['test'] },
      // Inherited from the parent's <dependencies>: the <parent> reference is where it comes from.
      { name: 'org.slf4j:slf4j-api', version: '1.7.32', requirement: '1.7.32', nameText: 'shop-parent', groups: [] },
    ];

    it('extracts every effective dependency, and nothing else', () => {
      assert.deepEqual([...byName.keys()].sort(), rows.map((r) => r.name).sort());
      assert.deepEqual(result.errors, []);
    });

    for (const row of rows) {
      it(`${row.name}: version, requirement, groups and ranges`, () => {
        const pkg = byName.get(row.name)!;
        assert.equal(pkg.version, row.version);
        assert.equal(pkg.requirement, row.requirement);
        assert.deepEqual(pkg.groups, row.groups);
        assert.equal(pkg.direct, true);
        assert.equal(pkg.source, 'registry');
        assert.equal(slice(text, pkg.versionRange), row.versionText);
        if (row.versionLine !== undefined) assert.equal(pkg.versionRange!.start.line, row.versionLine);
        assert.equal(slice(text, pkg.nameRange), row.nameText);
      });
    }

    it('lists the parent POM it read in inputs and takes the project name from it', () => {
      assert.deepEqual(result.inputs, [join(scenarios, 'multi-module/pom.xml')]);
      assert.deepEqual(result.project, { name: 'com.example.shop:shop-app', version: '2.3.0' });
    });

    it('gives ids unique within the file', () => {
      assert.equal(new Set(result.packages.map((p) => p.id)).size, result.packages.length);
    });
  });

  it('warns at <parent> when an explicit relativePath points nowhere, and carries on', () => {
    const { text, result } = parseScenario('multi-module/lib/pom.xml');
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0]!.severity, 'warning');
    assert.match(result.errors[0]!.message, /parent POM not found at \.\.\/missing\/pom\.xml/);
    assert.equal(text.split('\n')[result.errors[0]!.range.start.line]!.trim(), '<parent>');
    assert.deepEqual(result.packages.map((p) => [p.name, p.version]), [['com.fasterxml.jackson.core:jackson-databind', '']]);
    assert.deepEqual(result.inputs, [join(scenarios, 'multi-module/missing/pom.xml')]);
  });

  it('does not look for a parent when <relativePath/> is empty, nor without a context', () => {
    const text = '<project><parent><groupId>g</groupId><artifactId>p</artifactId><version>1</version><relativePath/></parent>' +
      '<dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId><version>1.0</version></dependency></dependencies></project>';
    let reads = 0;
    const result = parsePomXml('/w/pom.xml', text, { readFile: () => (reads++, undefined) });
    assert.equal(reads, 0);
    assert.deepEqual(result.errors, []);
    assert.equal(parsePomXml('/w/pom.xml', text.replace('<relativePath/>', '')).packages.length, 1);
  });

  it('ignores a ../pom.xml that is another project (an aggregator that is not the parent)', () => {
    const child = '<project><parent><groupId>org.x</groupId><artifactId>corp-parent</artifactId><version>3</version></parent>' +
      '<artifactId>c</artifactId><dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId></dependency></dependencies></project>';
    const other = '<project><groupId>org.y</groupId><artifactId>aggregator</artifactId><version>1</version>' +
      '<dependencyManagement><dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId><version>9.9</version></dependency></dependencies></dependencyManagement></project>';
    const result = parsePomXml('/w/c/pom.xml', child, { readFile: (p) => (p === join('/w', 'pom.xml') ? other : undefined) });
    assert.deepEqual(result.errors, []);
    assert.equal(result.packages[0]!.version, '');
  });

  it('does not report <dependencyManagement> entries, BOM imports or build-plugin dependencies as packages', () => {
    const text = readFileSync(join(scenarios, 'multi-module/pom.xml'), 'utf8');
    const names = parsePomXml('/w/pom.xml', text).packages.map((p) => p.name);
    assert.deepEqual(names, ['org.slf4j:slf4j-api']);
  });

  it('maps scopes to groups and keeps optional', () => {
    const deps = [
      ['compile', []],
      ['test', ['test']],
      ['provided', ['provided']],
      ['runtime', ['runtime']],
      ['system', ['system']],
    ] as const;
    const text = `<project><dependencies>${deps
      .map(([scope], i) => `<dependency><groupId>g</groupId><artifactId>a${i}</artifactId><version>1</version><scope>${scope}</scope><optional>${i === 0}</optional></dependency>`)
      .join('')}</dependencies></project>`;
    const groups = parsePomXml('/w/pom.xml', text).packages.map((p) => p.groups);
    assert.deepEqual(groups, [['optional'], ['test'], ['provided'], ['runtime'], ['system']]);
  });

  it('keeps the last of two declarations of the same artifact, as Maven does, and warns', () => {
    const text = readFileSync(resolve(scenarios, '../maven-pom/osv-scalibr/ambiguous-interpolation.xml'), 'utf8');
    const result = parsePomXml('/w/pom.xml', text);
    assert.equal(result.packages.length, 1);
    assert.equal(result.packages[0]!.nameRange!.start.line, 14);
    assert.equal(result.errors[0]!.severity, 'warning');
  });

  const malformed: Array<{ name: string; text: string; line: number; message: RegExp }> = [
    { name: 'an illegal tag name', text: readFileSync(resolve(scenarios, '../maven-pom/osv-scalibr/invalid-syntax.xml'), 'utf8'), line: 2, message: /could not parse pom\.xml at 3:/ },
    { name: 'text that is not XML', text: 'this is not a pom.xml file!\n', line: 0, message: /text data outside of root node/ },
    { name: 'an unclosed element', text: '<project>\n  <dependencies>\n    <dependency>\n</project>\n', line: 3, message: /could not parse pom\.xml/ },
    { name: 'another root element', text: '<settings>\n</settings>\n', line: 0, message: /not a Maven POM/ },
    { name: 'an empty file', text: '', line: 0, message: /root element/ },
  ];
  for (const row of malformed) {
    it(`gives one error at the right line for ${row.name}`, () => {
      const result = parsePomXml('/w/pom.xml', row.text);
      assert.equal(result.errors.length, 1);
      assert.equal(result.errors[0]!.severity, 'error');
      assert.equal(result.errors[0]!.range.start.line, row.line);
      assert.match(result.errors[0]!.message, row.message);
      assert.deepEqual(result.packages, []);
    });
  }

  it('reads a POM declared in another encoding and with a byte-order mark', () => {
    const text = '\ufeff' + readFileSync(resolve(scenarios, '../maven-pom/osv-scalibr/encoding.xml'), 'utf8');
    const result = parsePomXml('/w/pom.xml', text);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.packages.map((p) => `${p.name}@${p.version}`), ['junit:junit@4.12']);
  });
});

describe('maven/pom-xml: profiles active by default, and one-version ranges', () => {
  const { text, result, byName } = parseScenario('profiles/pom.xml');
  const rows: Array<{ name: string; version: string; requirement: string; versionText: string }> = [
    // `[2.9.10]` through a property: the pin is the version; the range is the property's value.
    { name: 'com.fasterxml.jackson.core:jackson-databind', version: '2.9.10', requirement: '[2.9.10]', versionText: '[2.9.10]' },
    // The project pins log4j-core to [2.14.1]; the active-by-default profile declares it again,
    // and Maven's profile injection lets the profile's declaration win.
    { name: 'org.apache.logging.log4j:log4j-core', version: '2.15.0', requirement: '2.15.0', versionText: '2.15.0' },
    // A managed one-version range.
    { name: 'org.apache.commons:commons-text', version: '1.9', requirement: '[1.9]', versionText: '[1.9]' },
    // The profile's property overrides the project's, and is itself a pin.
    { name: 'org.yaml:snakeyaml', version: '1.30', requirement: '[1.30]', versionText: '[1.30]' },
    // Only in the active profile.
    { name: 'commons-collections:commons-collections', version: '3.2.1', requirement: '3.2.1', versionText: '3.2.1' },
  ];

  it('reads the project and its active-by-default profile; profiles activated otherwise are left out', () => {
    assert.deepEqual([...byName.keys()].sort(), rows.map((r) => r.name).sort());
    assert.deepEqual(result.errors, []);
  });

  for (const row of rows) {
    it(`${row.name} ${row.requirement}`, () => {
      const pkg = byName.get(row.name)!;
      assert.equal(pkg.version, row.version);
      assert.equal(pkg.requirement, row.requirement);
      assert.equal(slice(text, pkg.versionRange), row.versionText);
    });
  }

  it('the profile line a version comes from is where the range points', () => {
    const log4j = byName.get('org.apache.logging.log4j:log4j-core')!;
    assert.ok(log4j.versionRange!.start.line > text.split('\n').findIndex((l) => l.includes('<profiles>')));
  });
});
