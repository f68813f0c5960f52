import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParseResult } from '../../../server/src/core/package';
import { DEPENDENCY_FILES, type ParserId } from '../../../server/src/ecosystems/files';
import { parserById } from '../../../server/src/ecosystems';
import { slice } from '../../support/parse-results';

const FIXTURES = join(__dirname, '../../fixtures/ecosystems');

/**
 * One real file per format, read as the file name its tools look for. With a UTF-8 byte-order mark
 * in front, a format whose tools read past the mark must give exactly what it gives without one,
 * every range still pointing into the text the editor holds (which keeps the mark, so only line 1
 * moves, by one column); a format whose tools fail on the mark gives one error at 1:1 that says so.
 */
const ROWS: ReadonlyArray<{ parser: ParserId; fixture: string; as: string }> = [
  { parser: 'npm/package-json', fixture: 'npm/pnpm-lock/scenarios/workspace-v9/package.json', as: 'package.json' },
  { parser: 'npm/npm-shrinkwrap', fixture: 'npm/package-lock/osv-scalibr/npm-shrinkwrap-only/npm-shrinkwrap.json', as: 'npm-shrinkwrap.json' },
  { parser: 'npm/package-lock', fixture: 'npm/package-lock/osv-scalibr/package-lock-only/package-lock.json', as: 'package-lock.json' },
  { parser: 'npm/yarn-lock', fixture: 'npm/yarn-lock/scenarios/workspace-v1/yarn.lock', as: 'yarn.lock' },
  { parser: 'npm/yarn-lock', fixture: 'npm/yarn-lock/scenarios/workspace-berry/yarn.lock', as: 'yarn.lock' },
  { parser: 'npm/pnpm-lock', fixture: 'npm/pnpm-lock/scenarios/workspace-v9/pnpm-lock.yaml', as: 'pnpm-lock.yaml' },
  { parser: 'npm/bun-lock', fixture: 'npm/bun-lock/scenarios/workspace/bun.lock', as: 'bun.lock' },
  { parser: 'pypi/pyproject-toml', fixture: 'pypi/scenarios/pyproject-sections/pyproject.toml', as: 'pyproject.toml' },
  { parser: 'pypi/pipfile', fixture: 'pypi/scenarios/pipfile-app/Pipfile', as: 'Pipfile' },
  { parser: 'pypi/requirements-txt', fixture: 'pypi/requirements-txt/osv-scalibr/example.txt', as: 'requirements.txt' },
  { parser: 'pypi/poetry-lock', fixture: 'pypi/realworld/poetry-2021-poetry-lock/poetry.lock', as: 'poetry.lock' },
  { parser: 'pypi/uv-lock', fixture: 'pypi/scenarios/uv-workspace/uv.lock', as: 'uv.lock' },
  { parser: 'pypi/pdm-lock', fixture: 'pypi/pdm-lock/osv-scalibr/two-packages.toml', as: 'pdm.lock' },
  { parser: 'pypi/pylock-toml', fixture: 'pypi/pylock-toml/osv-scalibr/pip-full.toml', as: 'pylock.toml' },
  { parser: 'pypi/pipfile-lock', fixture: 'pypi/pipfile-lock/osv-scalibr/one-package-dev.json', as: 'Pipfile.lock' },
  { parser: 'go/go-mod', fixture: 'go/scenarios/go-1.16-with-sum/go.mod', as: 'go.mod' },
  { parser: 'go/go-work', fixture: 'go/scenarios/workspace/go.work', as: 'go.work' },
  { parser: 'go/go-sum', fixture: 'go/scenarios/go-sum-alone/go.sum', as: 'go.sum' },
  { parser: 'cargo/cargo-toml', fixture: 'cargo/scenarios/workspace/cli/Cargo.toml', as: 'Cargo.toml' },
  { parser: 'cargo/cargo-lock', fixture: 'cargo/scenarios/workspace/Cargo.lock', as: 'Cargo.lock' },
  { parser: 'maven/pom-xml', fixture: 'maven/scenarios/multi-module/lib/pom.xml', as: 'pom.xml' },
  { parser: 'maven/libs-versions-toml', fixture: 'maven/scenarios/libs.versions.toml', as: 'libs.versions.toml' },
  { parser: 'maven/gradle-lockfile', fixture: 'maven/scenarios/gradle.lockfile', as: 'gradle.lockfile' },
  { parser: 'rubygems/gemfile', fixture: 'rubygems/scenarios/Gemfile', as: 'Gemfile' },
  { parser: 'rubygems/gemfile-lock', fixture: 'rubygems/scenarios/Gemfile.lock', as: 'Gemfile.lock' },
  { parser: 'packagist/composer-json', fixture: 'packagist/scenarios/composer.json', as: 'composer.json' },
  { parser: 'packagist/composer-lock', fixture: 'packagist/scenarios/composer.lock', as: 'composer.lock' },
  { parser: 'nuget/csproj', fixture: 'nuget/scenarios/src/Shop.Api/Shop.Api.csproj', as: 'Shop.Api.csproj' },
  { parser: 'nuget/directory-packages-props', fixture: 'nuget/scenarios/cpm/Directory.Packages.props', as: 'Directory.Packages.props' },
  { parser: 'nuget/packages-config', fixture: 'nuget/scenarios/legacy/packages.config', as: 'packages.config' },
  { parser: 'nuget/packages-lock-json', fixture: 'nuget/scenarios/src/Shop.Api/packages.lock.json', as: 'packages.lock.json' },
  { parser: 'pub/pubspec-yaml', fixture: 'pub/scenarios/pubspec.yaml', as: 'pubspec.yaml' },
  { parser: 'pub/pubspec-lock', fixture: 'pub/scenarios/pubspec.lock', as: 'pubspec.lock' },
  { parser: 'hex/mix-lock', fixture: 'hex/mix-lock/osv-scalibr/valid', as: 'mix.lock' },
];

/** Documents whose first line holds packages, so the one-column shift of line 1 is exercised too. */
const ONE_LINE: ReadonlyArray<{ parser: ParserId; as: string; text: string }> = [
  { parser: 'npm/package-json', as: 'package.json', text: '{"dependencies":{"lodash":"4.17.4"},"overrides":{"qs":"6.5.3"}}' },
  { parser: 'npm/package-lock', as: 'package-lock.json', text: '{"lockfileVersion":3,"packages":{"":{"dependencies":{"lodash":"4.17.4"}},"node_modules/lodash":{"version":"4.17.4"}}}' },
  { parser: 'npm/package-lock', as: 'package-lock.json', text: '{"lockfileVersion":1,"dependencies":{"lodash":{"version":"4.17.4"}}}' },
  { parser: 'npm/bun-lock', as: 'bun.lock', text: '{"lockfileVersion":1,"workspaces":{"":{"dependencies":{"lodash":"4.17.4"}}},"packages":{"lodash":["lodash@4.17.4","",{},"sha512-x"]}}' },
  { parser: 'nuget/packages-lock-json', as: 'packages.lock.json', text: '{"version":1,"dependencies":{"net6.0":{"A":{"type":"Direct","requested":"[1.0.0, )","resolved":"1.0.0"}}}}' },
  { parser: 'pypi/requirements-txt', as: 'requirements.txt', text: 'requests==2.0.0 --hash=sha256:abc\n' },
  { parser: 'pypi/pyproject-toml', as: 'pyproject.toml', text: 'project = { name = "x", dependencies = ["requests==2.0.0"] }\n' },
  { parser: 'cargo/cargo-toml', as: 'Cargo.toml', text: 'dependencies.serde = "1.0.0"\n' },
  { parser: 'maven/pom-xml', as: 'pom.xml', text: '<project><dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId><version>1.0</version></dependency></dependencies></project>' },
  { parser: 'nuget/csproj', as: 'x.csproj', text: '<Project><ItemGroup><PackageReference Include="A" Version="1.0.0" /></ItemGroup></Project>' },
  { parser: 'rubygems/gemfile', as: 'Gemfile', text: 'gem "rails", "6.0.0"\n' },
  { parser: 'npm/yarn-lock', as: 'yarn.lock', text: 'lodash@^4.17.4:\n  version "4.17.4"\n  resolved "https://registry.yarnpkg.com/lodash/-/lodash-4.17.4.tgz"\n' },
  { parser: 'npm/yarn-lock', as: 'yarn.lock', text: '"lodash@npm:^4.17.4":\n  version: 4.17.4\n  resolution: "lodash@npm:4.17.4"\n\n__metadata:\n  version: 8\n' },
  { parser: 'npm/pnpm-lock', as: 'pnpm-lock.yaml', text: "importers: {'.': {dependencies: {lodash: {specifier: 4.17.4, version: 4.17.4}}}}\nlockfileVersion: '9.0'\npackages: {lodash@4.17.4: {resolution: {integrity: sha512-x}}}\nsnapshots: {lodash@4.17.4: {}}\n" },
  { parser: 'pub/pubspec-lock', as: 'pubspec.lock', text: 'packages: {http: {dependency: direct main, description: {name: http, url: "https://pub.dev"}, source: hosted, version: "1.0.0"}}\n' },
  { parser: 'pub/pubspec-yaml', as: 'pubspec.yaml', text: 'dependencies: { http: 1.0.0 }\n' },
];

/** The same value with every position on line 1 one column further right (the mark's column). */
function shiftFirstLine<T>(value: T): T {
  if (Array.isArray(value)) return value.map(shiftFirstLine) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = shiftFirstLine(v);
  if (typeof out.line === 'number' && typeof out.character === 'number' && out.line === 0) out.character = (out.character as number) + 1;
  return out as T;
}

function parse(parser: ParserId, as: string, text: string): ParseResult {
  return parserById(parser)!.parse(`/work/bom/${as}`, text);
}

function expectations(parser: ParserId, as: string, text: string): void {
  const kind = DEPENDENCY_FILES.find((f) => f.parser === parser)!;
  const plain = parse(parser, as, text);
  const marked = parse(parser, as, `\uFEFF${text}`);
  const policy = kind.byteOrderMark;
  if (policy !== 'accepted' && policy.acceptedBy === undefined) {
    assert.deepEqual(marked.packages, []);
    assert.equal(marked.errors.length, 1);
    const [error] = marked.errors;
    assert.equal(error!.severity, 'error');
    assert.deepEqual(error!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
    assert.match(error!.message, new RegExp(`^could not parse ${as.replace(/\./g, '\\.')} at 1:1: byte-order mark`));
    assert.ok(error!.message.includes(policy.rejectedBy), error!.message);
    return;
  }
  assert.ok(plain.packages.length > 0, 'the sample has packages');
  const expected = shiftFirstLine(plain);
  if (policy !== 'accepted') {
    const [warning, ...rest] = marked.errors;
    assert.equal(warning!.severity, 'warning');
    assert.match(warning!.message, /byte-order mark/);
    assert.ok(warning!.message.includes(policy.acceptedBy!) && warning!.message.includes(policy.rejectedBy), warning!.message);
    assert.deepEqual({ ...marked, errors: rest }, expected);
  } else {
    assert.deepEqual(marked, expected);
  }
  // And the ranges still cover the same tokens in the text the editor holds.
  for (const [i, pkg] of marked.packages.entries()) {
    assert.equal(slice(`\uFEFF${text}`, pkg.versionRange), slice(text, plain.packages[i]!.versionRange), `${pkg.name} version`);
    assert.equal(slice(`\uFEFF${text}`, pkg.nameRange), slice(text, plain.packages[i]!.nameRange), `${pkg.name} name`);
  }
}

describe('a UTF-8 byte-order mark, in every format', () => {
  it('the table has a real file for every format', () => {
    assert.deepEqual([...new Set(ROWS.map((r) => r.parser))].sort(), DEPENDENCY_FILES.map((f) => f.parser).sort());
  });

  for (const row of ROWS) {
    const kind = DEPENDENCY_FILES.find((f) => f.parser === row.parser)!;
    const verdict = kind.byteOrderMark === 'accepted' ? 'read as without it' : kind.byteOrderMark.acceptedBy ? 'read, with a warning' : 'an error at 1:1';
    it(`${row.parser} (${row.fixture}): ${verdict}`, () => {
      expectations(row.parser, row.as, readFileSync(join(FIXTURES, row.fixture), 'utf8'));
    });
  }

  for (const row of ONE_LINE) {
    it(`${row.parser}, packages on line 1: ${row.text.slice(0, 40)}…`, () => expectations(row.parser, row.as, row.text));
  }
});
