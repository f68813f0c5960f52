import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParseResult } from '../../../../server/src/core/package';
import { parserById } from '../../../../server/src/ecosystems';
import type { ParserId } from '../../../../server/src/ecosystems/files';
import { slice } from '../../../support/parse-results';

const REAL = join(__dirname, '../../../fixtures/realworld');
const EVIL = 'http://evil.example/x.tgz';

const parse = (parser: ParserId, as: string, text: string): ParseResult => parserById(parser)!.parse(`/work/tarballs/${as}`, text);

/**
 * A lockfile entry that names a registry version is that registry package to the package manager,
 * whatever its tarball URL: npm decides by the specs that lead to the entry (arborist's
 * isRegistryDependency), yarn, pnpm and bun by the entry's own version or key. So it is matched as
 * that package, and a tarball from an unusual place is a warning at the URL.
 */
interface Row {
  name: string;
  parser: ParserId;
  as: string;
  text: string;
  /** name@version → source, for every package that matters here. */
  sources: Record<string, string>;
  /** The URLs warned about (the warning's range covers the URL). */
  warned: string[];
}

const v3 = (lodash: Record<string, unknown>, rootDeps: Record<string, string> = { lodash: '^4.17.4' }) =>
  JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: rootDeps }, 'node_modules/lodash': { version: '4.17.4', ...lodash } } }, null, 2);

const ROWS: Row[] = [
  {
    name: 'package-lock v3: a registry range whose tarball comes from another host',
    parser: 'npm/package-lock',
    as: 'package-lock.json',
    text: v3({ resolved: EVIL }),
    sources: { 'lodash@4.17.4': 'registry' },
    warned: [EVIL],
  },
  {
    name: 'npm-shrinkwrap: the same',
    parser: 'npm/npm-shrinkwrap',
    as: 'npm-shrinkwrap.json',
    text: v3({ resolved: EVIL }),
    sources: { 'lodash@4.17.4': 'registry' },
    warned: [EVIL],
  },
  {
    name: 'package-lock v2: the tarball on the usual registry but not its own (another version)',
    parser: 'npm/package-lock',
    as: 'package-lock.json',
    text: JSON.stringify({ lockfileVersion: 2, packages: { '': { dependencies: { lodash: '^4.17.4' } }, 'node_modules/lodash': { version: '4.17.4', resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz' } }, dependencies: { lodash: { version: '4.17.4' } } }, null, 2),
    sources: { 'lodash@4.17.4': 'registry' },
    warned: ['https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz'],
  },
  {
    name: 'package-lock v1: a plain version names the registry release',
    parser: 'npm/package-lock',
    as: 'package-lock.json',
    text: JSON.stringify({ lockfileVersion: 1, dependencies: { lodash: { version: '4.17.4', resolved: EVIL } } }, null, 2),
    sources: { 'lodash@4.17.4': 'registry' },
    warned: [EVIL],
  },
  {
    name: 'package-lock v3: GitHub Packages tarballs (/download/) are registry tarballs',
    parser: 'npm/package-lock',
    as: 'package-lock.json',
    text: JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { '@octo/pkg': '^1.0.0' } }, 'node_modules/@octo/pkg': { version: '1.0.0', resolved: 'https://npm.pkg.github.com/download/@octo/pkg/1.0.0/0123456789abcdef' } } }, null, 2),
    sources: { '@octo/pkg@1.0.0': 'registry' },
    warned: [],
  },
  {
    name: 'package-lock v3: a dependency declared by URL stays a URL dependency',
    parser: 'npm/package-lock',
    as: 'package-lock.json',
    text: v3({ resolved: 'https://example.com/lodash.tgz' }, { lodash: 'https://example.com/lodash.tgz' }),
    sources: { 'lodash@4.17.4': 'url' },
    warned: [],
  },
  {
    name: 'package-lock v3: a company mirror serving every package is the usual registry',
    parser: 'npm/package-lock',
    as: 'package-lock.json',
    text: JSON.stringify(
      {
        lockfileVersion: 3,
        packages: {
          '': { dependencies: { a: '1', b: '1' } },
          'node_modules/a': { version: '1.0.0', resolved: 'https://npm.corp.example/artifactory/api/npm/npm/a/-/a-1.0.0.tgz' },
          'node_modules/b': { version: '1.0.0', resolved: 'https://npm.corp.example/artifactory/api/npm/npm/b/-/b-1.0.0.tgz' },
        },
      },
      null,
      2,
    ),
    sources: { 'a@1.0.0': 'registry', 'b@1.0.0': 'registry' },
    warned: [],
  },
  {
    name: 'yarn.lock v1',
    parser: 'npm/yarn-lock',
    as: 'yarn.lock',
    text: `# yarn lockfile v1\n\n\nlodash@^4.17.4:\n  version "4.17.4"\n  resolved "${EVIL}#abc"\n  integrity sha512-x\n`,
    sources: { 'lodash@4.17.4': 'registry' },
    warned: [`${EVIL}#abc`],
  },
  {
    name: 'yarn.lock berry: a registry descriptor whose resolution fetches a URL',
    parser: 'npm/yarn-lock',
    as: 'yarn.lock',
    text: `__metadata:\n  version: 8\n  cacheKey: 10c0\n\n"lodash@npm:^4.17.4":\n  version: 4.17.4\n  resolution: "lodash@${EVIL}"\n  checksum: 10c0/abc\n  languageName: node\n  linkType: hard\n`,
    sources: { 'lodash@4.17.4': 'registry' },
    warned: [EVIL],
  },
  {
    name: 'yarn.lock berry: a dependency declared by URL stays a URL dependency',
    parser: 'npm/yarn-lock',
    as: 'yarn.lock',
    text: `__metadata:\n  version: 8\n  cacheKey: 10c0\n\n"lodash@${EVIL}":\n  version: 4.17.4\n  resolution: "lodash@${EVIL}"\n  checksum: 10c0/abc\n  languageName: node\n  linkType: hard\n`,
    sources: { 'lodash@4.17.4': 'url' },
    warned: [],
  },
  {
    name: 'pnpm-lock.yaml: a registry key with a tarball elsewhere',
    parser: 'npm/pnpm-lock',
    as: 'pnpm-lock.yaml',
    text: `lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      lodash:\n        specifier: ^4.17.4\n        version: 4.17.4\n\npackages:\n\n  lodash@4.17.4:\n    resolution: {integrity: sha512-x, tarball: ${EVIL}}\n\nsnapshots:\n\n  lodash@4.17.4: {}\n`,
    sources: { 'lodash@4.17.4': 'registry' },
    warned: [EVIL],
  },
  {
    name: 'bun.lock: a registry entry fetched from another host',
    parser: 'npm/bun-lock',
    as: 'bun.lock',
    text: `{\n  "lockfileVersion": 1,\n  "workspaces": { "": { "dependencies": { "lodash": "^4.17.4" } } },\n  "packages": {\n    "lodash": ["lodash@4.17.4", "${EVIL}", {}, "sha512-x"],\n  }\n}\n`,
    sources: { 'lodash@4.17.4': 'registry' },
    warned: [EVIL],
  },
];

describe('a registry package is matched whatever its tarball URL, and an unusual URL is a warning', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const result = parse(row.parser, row.as, row.text);
      const got = Object.fromEntries(result.packages.filter((p) => `${p.name}@${p.version}` in row.sources).map((p) => [`${p.name}@${p.version}`, p.source]));
      assert.deepEqual(got, row.sources);
      // The URL stays on the package, for provenance to show the host.
      for (const pkg of result.packages) if (pkg.source === 'registry' && row.warned.length) assert.ok(pkg.resolved, pkg.name);
      const warnings = result.errors.filter((e) => e.severity === 'warning');
      assert.deepEqual(warnings.map((w) => slice(row.text, w.range)), row.warned);
      for (const w of warnings) assert.match(w.message, /is fetched from/);
      assert.deepEqual(result.errors.filter((e) => e.severity !== 'warning'), []);
    });
  }

  it('nodejs-goof (lockfile v2) with lodash fetched from another host: every package is still scanned', () => {
    const path = join(REAL, 'nodejs-goof-2022-lockfile-v2/package-lock.json');
    const text = readFileSync(path, 'utf8');
    const edited = text.replace('"resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.4.tgz"', `"resolved": "${EVIL}"`);
    assert.notEqual(edited, text);
    const registry = (r: ParseResult) => r.packages.filter((p) => p.source === 'registry').map((p) => `${p.name}@${p.version}`).sort();
    const before = parse('npm/package-lock', 'package-lock.json', text);
    const after = parse('npm/package-lock', 'package-lock.json', edited);
    assert.deepEqual(registry(after), registry(before));
    assert.ok(registry(after).includes('lodash@4.17.4'));
    assert.deepEqual(
      after.errors.map((e) => slice(edited, e.range)),
      [EVIL],
    );
    assert.deepEqual(before.errors, []);
  });
});
