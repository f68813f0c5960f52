import assert from 'node:assert/strict';
import { LineIndex } from '../../../server/src/core/text-range';
import { findDuplicateKeys } from '../../../server/src/core/json-duplicate-keys';
import { parserById } from '../../../server/src/ecosystems';
import type { ParserId } from '../../../server/src/ecosystems/files';

/**
 * Every JSON format, with a key repeated where it changes what is installed. The package manager
 * reads JSON the JSON.parse way (npm, bun), or json_decode (Composer), Python's json (pipenv) or
 * Newtonsoft (NuGet): each keeps the last of two equal keys. Chainsight must read the same
 * packages, point at the last occurrence, and warn at each ignored key.
 */
interface Row {
  name: string;
  parser: ParserId;
  as: string;
  text: string;
  /** `name@version` of every package read, in any order. */
  packages: string[];
  /** The keys whose earlier occurrence is ignored (one warning each). */
  duplicates: string[];
  /** Where the ignored keys are looked for, when the same key appears earlier in another object. */
  after?: string;
}

const V3 = (entries: string) => `{"name":"app","lockfileVersion":3,"packages":{"":{"dependencies":{"lodash":"^4.17.4"}},${entries}}}`;

const ROWS: Row[] = [
  {
    name: 'package.json: a second dependencies object replaces the first (the issue example)',
    parser: 'npm/package-json',
    as: 'package.json',
    text: '{"dependencies":{"left-pad":"1.0.0"},"dependencies":{"lodash":"4.17.4"}}',
    packages: ['lodash@4.17.4'],
    duplicates: ['dependencies'],
  },
  {
    name: 'package.json: one dependency named twice',
    parser: 'npm/package-json',
    as: 'package.json',
    text: '{\n  "dependencies": {\n    "lodash": "4.17.21",\n    "lodash": "4.17.4"\n  }\n}\n',
    packages: ['lodash@4.17.4'],
    duplicates: ['lodash'],
  },
  {
    name: 'package-lock v3: an entry repeated with another version',
    parser: 'npm/package-lock',
    as: 'package-lock.json',
    text: V3('"node_modules/lodash":{"version":"4.17.21"},"node_modules/lodash":{"version":"4.17.4"}'),
    packages: ['lodash@4.17.4'],
    duplicates: ['node_modules/lodash'],
  },
  {
    name: 'package-lock v3: an entry repeated with the same version (positions from the last)',
    parser: 'npm/package-lock',
    as: 'package-lock.json',
    text: V3('"node_modules/lodash":{"version":"4.17.4","dev":true},"node_modules/lodash":{"version":"4.17.4"}'),
    packages: ['lodash@4.17.4'],
    duplicates: ['node_modules/lodash'],
  },
  {
    name: 'package-lock v3: a second packages map replaces the first',
    parser: 'npm/package-lock',
    as: 'package-lock.json',
    text: '{"lockfileVersion":3,"packages":{"node_modules/left-pad":{"version":"1.0.0"}},"packages":{"":{"dependencies":{"lodash":"4.17.4"}},"node_modules/lodash":{"version":"4.17.4"}}}',
    packages: ['lodash@4.17.4'],
    duplicates: ['packages'],
  },
  {
    name: 'package-lock v3: a version field written twice in one entry',
    parser: 'npm/package-lock',
    as: 'package-lock.json',
    text: V3('"node_modules/lodash":{"version":"4.17.21","version":"4.17.4"}'),
    packages: ['lodash@4.17.4'],
    duplicates: ['version'],
  },
  {
    name: 'package-lock v1: a dependency repeated',
    parser: 'npm/package-lock',
    as: 'package-lock.json',
    text: '{"lockfileVersion":1,"dependencies":{"lodash":{"version":"4.17.4"},"lodash":{"version":"4.17.4"}}}',
    packages: ['lodash@4.17.4'],
    duplicates: ['lodash'],
  },
  {
    name: 'npm-shrinkwrap: an entry repeated',
    parser: 'npm/npm-shrinkwrap',
    as: 'npm-shrinkwrap.json',
    text: V3('"node_modules/lodash":{"version":"4.17.21"},"node_modules/lodash":{"version":"4.17.4"}'),
    packages: ['lodash@4.17.4'],
    duplicates: ['node_modules/lodash'],
  },
  {
    name: 'bun.lock: a package repeated',
    parser: 'npm/bun-lock',
    as: 'bun.lock',
    text: '{\n  "lockfileVersion": 1,\n  "workspaces": { "": { "dependencies": { "lodash": "^4.17.4" } } },\n  "packages": {\n    "lodash": ["lodash@4.17.21", "", {}, "sha512-a"],\n    "lodash": ["lodash@4.17.4", "", {}, "sha512-b"],\n  }\n}\n',
    packages: ['lodash@4.17.4'],
    duplicates: ['lodash'],
    after: '"packages"',
  },
  {
    name: 'Pipfile.lock: a second default section replaces the first',
    parser: 'pypi/pipfile-lock',
    as: 'Pipfile.lock',
    text: '{"_meta":{},"default":{"requests":{"version":"==2.0.0"}},"default":{"flask":{"version":"==1.0"}},"develop":{}}',
    packages: ['flask@1.0'],
    duplicates: ['default'],
  },
  {
    name: 'Pipfile.lock: a version written twice',
    parser: 'pypi/pipfile-lock',
    as: 'Pipfile.lock',
    text: '{"default":{"requests":{"version":"==2.31.0","version":"==2.0.0"}}}',
    packages: ['requests@2.0.0'],
    duplicates: ['version'],
  },
  {
    name: 'composer.json: a package required twice',
    parser: 'packagist/composer-json',
    as: 'composer.json',
    text: '{"require":{"monolog/monolog":"2.9.1","monolog/monolog":"1.0.0"}}',
    packages: ['monolog/monolog@1.0.0'],
    duplicates: ['monolog/monolog'],
  },
  {
    name: 'composer.lock: a second packages list replaces the first',
    parser: 'packagist/composer-lock',
    as: 'composer.lock',
    text: '{"packages":[{"name":"a/b","version":"2.0.0"}],"packages":[{"name":"a/b","version":"1.0.0"}],"packages-dev":[]}',
    packages: ['a/b@1.0.0'],
    duplicates: ['packages'],
  },
  {
    name: 'packages.lock.json: a package repeated in one framework',
    parser: 'nuget/packages-lock-json',
    as: 'packages.lock.json',
    text: '{"version":1,"dependencies":{"net8.0":{"A":{"type":"Direct","requested":"[1.0.0, )","resolved":"2.0.0"},"A":{"type":"Direct","requested":"[1.0.0, )","resolved":"1.0.0"}}}}',
    packages: ['A@1.0.0'],
    duplicates: ['A'],
  },
];

describe('a repeated JSON key: the last one counts, and the ignored one is a warning', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const result = parserById(row.parser)!.parse(`/work/dup/${row.as}`, row.text);
      const registry = result.packages.filter((p) => p.version !== '' || p.source === 'registry').filter((p) => p.source === 'registry');
      assert.deepEqual(registry.map((p) => `${p.name}@${p.version}`).sort(), [...row.packages].sort());
      const index = new LineIndex(row.text);
      // Every version range points at the last occurrence of that version's token.
      for (const pkg of registry) {
        if (!pkg.versionRange) continue;
        const start = index.offset(pkg.versionRange.start);
        const token = row.text.slice(start, index.offset(pkg.versionRange.end));
        assert.ok(token.endsWith(pkg.version), `${pkg.name}: range covers ${JSON.stringify(token)}`);
        assert.equal(start, row.text.lastIndexOf(token), `${pkg.name}: the range is not on the last occurrence`);
      }
      const warnings = result.errors.filter((e) => e.severity === 'warning');
      assert.deepEqual(result.errors.filter((e) => e.severity !== 'warning'), []);
      assert.deepEqual(warnings.map((w) => /^duplicate key "([^"]*)"/.exec(w.message)?.[1]), row.duplicates);
      for (const [i, w] of warnings.entries()) {
        // At the ignored key: the first of the two occurrences.
        const at = index.offset(w.range.start);
        assert.equal(row.text.slice(at, index.offset(w.range.end)), row.duplicates[i]);
        assert.equal(at, row.text.indexOf(`"${row.duplicates[i]}"`, row.after ? row.text.indexOf(row.after) + 1 : 0) + 1);
        assert.match(w.message, /replaces it/);
      }
    });
  }
});

describe('findDuplicateKeys', () => {
  const CASES: Array<[text: string, keys: string[], comments?: boolean]> = [
    ['{}', []],
    ['{"a":1,"b":{"a":2}}', []],
    ['{"a":[{"x":1,"x":2},{"x":3}]}', ['x']],
    // Two spellings of one key: JSON.parse reads them as equal.
    ['{"\\u0061":1,"a":2}', ['a']],
    ['{"a\\"b":1,"a\\"b":2}', ['a"b']],
    ['{"s":"{\\"a\\":1,\\"a\\":2}"}', []],
    ['[{"a":1},{"a":2}]', []],
    ['{"a":1, // "a":2\n"b":/* "b" */3, "a":4}', ['a'], true],
    // Many keys: the large-object path.
    [`{${Array.from({ length: 100 }, (_, i) => `"k${i}":${i}`).join(',')},"k7":0,"k99":1}`, ['k7', 'k99']],
  ];
  for (const [text, keys, comments] of CASES) {
    it(`${text.length > 60 ? `${text.slice(0, 57)}...` : text}`, () => {
      assert.deepEqual(findDuplicateKeys(text, { comments: comments ?? false }).map((d) => d.key), keys);
    });
  }
});
