import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Range } from '../../../../server/src/core/text-range';
import { parseLibsVersionsToml } from '../../../../server/src/ecosystems/maven/libs-versions-toml';
import { slice as textOf } from '../../../support/parse-results';

const file = resolve(__dirname, '../../../fixtures/ecosystems/maven/scenarios/libs.versions.toml');
const text = readFileSync(file, 'utf8');

const slice = (range: Range | undefined) => textOf(text, range);

describe('maven/libs-versions-toml', () => {
  const result = parseLibsVersionsToml(file, text);
  const byId = new Map(result.packages.map((p) => [p.id, p]));

  const rows: Array<{ id: string; name: string; version: string; versionText?: string; versionLine?: number; nameText: string }> = [
    // version.ref → the [versions] entry, which is where the fix goes.
    { id: 'libraries:jackson-databind', name: 'com.fasterxml.jackson.core:jackson-databind', version: '2.13.0', versionText: '2.13.0', versionLine: 3, nameText: 'com.fasterxml.jackson.core:jackson-databind' },
    { id: 'libraries:jackson-core', name: 'com.fasterxml.jackson.core:jackson-core', version: '2.13.0', versionText: '2.13.0', versionLine: 3, nameText: 'jackson-core' },
    // Rich version with a strict range: a requirement, not a version.
    { id: 'libraries:okhttp', name: 'com.squareup.okhttp3:okhttp', version: '', versionText: '[4.9, 5.0[', nameText: 'com.squareup.okhttp3:okhttp' },
    // "group:artifact:version" shorthand: name and version are parts of one string.
    { id: 'libraries:snakeyaml', name: 'org.yaml:snakeyaml', version: '1.33', versionText: '1.33', nameText: 'org.yaml:snakeyaml' },
    { id: 'libraries:commons-text', name: 'org.apache.commons:commons-text', version: '1.9', versionText: '1.9', nameText: 'org.apache.commons:commons-text' },
    // A dynamic version admits many: not exact.
    { id: 'libraries:boot-starter', name: 'org.springframework.boot:spring-boot-starter', version: '', versionText: '3.1.+', nameText: 'org.springframework.boot:spring-boot-starter' },
    { id: 'libraries:bom', name: 'org.junit:junit-bom', version: '', nameText: 'org.junit:junit-bom' },
    // A [libraries.h2] sub-table with a rich `require`.
    { id: 'libraries:h2', name: 'com.h2database:h2', version: '2.1.210', versionText: '2.1.210', nameText: 'com.h2database:h2' },
  ];

  it('reads [libraries] only (not [bundles], not [plugins])', () => {
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.packages.map((p) => p.id), rows.map((r) => r.id));
  });

  for (const row of rows) {
    it(`${row.id}: name, version and ranges`, () => {
      const pkg = byId.get(row.id)!;
      assert.equal(pkg.name, row.name);
      assert.equal(pkg.version, row.version);
      assert.equal(pkg.direct, true);
      assert.equal(slice(pkg.versionRange), row.versionText);
      if (row.versionLine !== undefined) assert.equal(pkg.versionRange!.start.line, row.versionLine);
      assert.equal(slice(pkg.nameRange), row.nameText);
    });
  }

  it('warns about a version.ref that names nothing', () => {
    const r = parseLibsVersionsToml(file, '[libraries]\na = { module = "g:a", version.ref = "nope" }\n');
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0]!.severity, 'warning');
    assert.equal(r.packages[0]!.version, '');
  });

  it('gives one error at the line of a TOML syntax error', () => {
    const r = parseLibsVersionsToml(file, '[versions]\nfoo = "1.0"\nbar = \n[libraries]\n');
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0]!.severity, 'error');
    assert.equal(r.errors[0]!.range.start.line, 2);
    assert.match(r.errors[0]!.message, /could not parse libs\.versions\.toml at 3:/);
    assert.deepEqual(r.packages, []);
  });
});
