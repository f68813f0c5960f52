import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as oniguruma from 'vscode-oniguruma';
import type { IGrammar } from 'vscode-textmate';
import {
  GRAMMARS,
  fixtureSize,
  fixturesFor,
  grammarPath,
  loadGrammars,
  loadOniguruma,
  openScopes,
  readFixture,
  selects,
  splitLines,
  stoppedEarly,
  tokenize,
} from './textmate';

/**
 * Fixtures that are deliberately not valid files of their format (parser error cases): they must
 * tokenize without errors, but some of their text is expected to stay unrecognised.
 */
const MALFORMED = new Set([
  'pypi/pyproject-toml/osv-scalibr/malformed.toml',
  'pypi/requirements-txt/osv-scalibr/invalid.txt',
  'pypi/requirements-txt/osv-scalibr/per_req_options.txt',
  'pypi/requirements-txt/osv-scanner-v1.9.2/line-continuation.txt',
  'go/go-mod/osv-scalibr/indirect-1.23.sum',
  'maven/gradle-lockfile/osv-scalibr/with-bad-pkg',
  'maven/gradle-lockfile/osv-scanner-v1.9.2/with-bad-pkg',
]);

let grammars: Map<string, IGrammar>;
before(async () => {
  grammars = await loadGrammars();
});
const grammar = (file: string): IGrammar => grammars.get(file)!;

describe('TextMate grammars: structure', () => {
  for (const spec of GRAMMARS) {
    describe(spec.file, () => {
      const json = JSON.parse(readFileSync(grammarPath(spec), 'utf8')) as Record<string, unknown>;

      it('declares its scope name', () => {
        assert.equal(json.scopeName, spec.scopeName);
      });

      it('every regex compiles with Oniguruma', async () => {
        await loadOniguruma();
        const failures: string[] = [];
        for (const { at, source } of regexes(json)) {
          try {
            new oniguruma.OnigScanner([source]).dispose();
          } catch (error) {
            failures.push(`${at}: ${(error as Error).message}`);
          }
        }
        assert.deepEqual(failures, []);
      });

      it('every include resolves inside the grammar', () => {
        const repository = (json.repository ?? {}) as Record<string, unknown>;
        const dangling = includes(json).filter((name) => !(name.startsWith('#') && name.slice(1) in repository) && name !== '$self');
        assert.deepEqual(dangling, []);
      });

      it(`every scope it names ends in ${spec.suffix}`, () => {
        const wrong = scopeNames([json.patterns, json.repository]).filter((scope) => !scope.endsWith(spec.suffix));
        assert.deepEqual(wrong, []);
      });
    });
  }
});

describe('TextMate grammars: real fixtures', () => {
  for (const spec of GRAMMARS) {
    const fixtures = fixturesFor(spec);

    describe(spec.file, () => {
      it('has at least two fixtures to tokenize', () => {
        assert.ok(fixtures.length >= 2, `${fixtures.length} fixture(s) for ${spec.file}`);
      });

      for (const fixture of fixtures) {
        it(fixture, () => {
          const { lines, end } = tokenize(grammar(spec.file), readFixture(fixture));
          const problems: string[] = [];
          lines.forEach(({ line, tokens, stoppedEarly }, i) => {
            const where = `${fixture}:${i + 1}`;
            if (stoppedEarly) problems.push(`${where}: tokenizer stopped early`);
            // The tokens tile the line: no gap, no overlap, nothing past the end left out.
            let at = 0;
            for (const t of tokens) {
              if (t.start !== at) problems.push(`${where}: token starts at ${t.start}, expected ${at}`);
              at = t.end;
            }
            if (at < line.length) problems.push(`${where}: tokens end at ${at} of ${line.length}`);
            if (MALFORMED.has(fixture)) return;
            for (const t of tokens) {
              if (t.text.trim() && t.scopes.length < 2) problems.push(`${where}: unrecognised ${JSON.stringify(t.text)}`);
              const invalid = t.scopes.find((s) => s.startsWith('invalid.'));
              if (invalid) problems.push(`${where}: ${invalid} on ${JSON.stringify(t.text)}`);
            }
          });
          // Nothing (a string, an array, a block) is left open by a complete file.
          const open = openScopes(grammar(spec.file), end).slice(1);
          if (!MALFORMED.has(fixture) && open.some((s) => !spec.openAtEnd?.includes(s))) problems.push(`${fixture}: still open at the end: ${open.join(' ')}`);
          assert.deepEqual(problems.slice(0, 15), []);
        });
      }
    });
  }
});

interface KeyToken {
  grammar: string;
  /** A few lines of a real file (context matters to a TextMate grammar). */
  text: string;
  /** The token to look at: its first occurrence in `text` (or in `within`), or the `nth` (0-based). */
  token: string;
  nth?: number;
  /** Look for `token` inside the first occurrence of this longer text. */
  within?: string;
  /** A theme selector that must apply to every character of the token. */
  scope: string;
  /** A selector that must not apply to any of it. */
  not?: string;
}

const CARGO_LOCK = `# This file is automatically @generated by Cargo.
version = 3

[[package]]
name = "serde"
version = "1.0.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "f12d06de37cf59146fbdecab66aa99f9fe4f78722e3607577a5375d66bd0c913"
dependencies = [
 "serde_derive",
]`;

const CARGO_TOML = `[package]
edition = "2021"

[dependencies]
tilde = { version = "~2.1.0", features = ["x"] }
opt = { version = "1.0.3", optional = true }

[dev-dependencies]
dotted.version = "0.8"

[target.'cfg(windows)'.dependencies]
winapi = { version = "0.3.9", features = ["winuser"] }`;

const POETRY_LOCK = `[[package]]
name = "backports.entry-points-selectable"
python-versions = ">=2.7, !=3.0.*"

[package.dependencies]
importlib-metadata = {version = "*", markers = "python_version < \\"3.8\\""}

[package.extras]
dev = ["coverage[toml] (>=5.0.2)", "hypothesis",
  "pympler",
]

[tool.black]
target-version = ['py36']
force-exclude = '''
.*/setup\\.py$
'''
description = """
Multi-line "basic" string\\tescaped
"""
size = 159642
ratio = 0.25
created = 1979-05-27T07:32:00Z`;

const REQUIREMENTS = `# The application's requirements
-r base.txt
-c constraints.txt
--index-url https://pypi.org/simple
flask==1.0.2 --hash=sha256:2f3ea1c9d4
requests [security] >= 2.8.1, == 2.8.* ; python_version < "2.7"
urllib3 @ https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip
Mopidy-Dirble ~= 1.1        # Compatible release. Same as >= 1.1, == 1.*
-e git+https://github.com/acme/tool.git#egg=tool
-r \${REQUIREMENTS_DIR}/extra.txt
foo9==1.0 --hash=sha256:123 \\
  --hash=sha256:456`;

const GO_MOD = `module github.com/gohugoio/hugo

go 1.17

toolchain go1.23.6-xyz

require (
\tgithub.com/PuerkitoBio/urlesc v0.0.0-20170810143723-de5bf2ad4578 // indirect
\tgopkg.in/yaml.v2 v2.4.0
)

replace golang.org/x/net v1.2.3 => example.com/fork/net v1.4.5

replace github.com/dep/local => ./local-dep

retract [v1.0.0, v1.9.9] // published by mistake`;

const GO_WORK = `go 1.22.0

use (
\t./api
\t./tools/
)`;

const GO_SUM = `cloud.google.com/go v0.26.0/go.mod h1:aQUYkXzVsufM+DwF1aE+0xfcU+56JwCaLick0ClmMTw=
github.com/BurntSushi/toml v1.0.0 h1:dtDWrepsVPfW9H/4y7dDgFc2MBUSeJhlaDtK13CxFlU=`;

const YARN_V1 = `# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1


"@ava/babel@2.0.0":
  version "2.0.0"
  resolved "https://registry.npmjs.org/@ava/babel/-/babel-2.0.0.tgz#9ed44a8f62dce6c5d1b34cb35d93e73fcabcdc78"
  integrity sha512-50ol1X2AOuX82UskqQYx7XCvv/05GQA2dib/n4XP99sg63fIVtzwpPZ7amLN7mghhGRr2fjXFbuRgJ4+VeDsIg==
  dependencies:
    "@babel/core" "^7.14.6"
    mine G-Rath/npm-git-repo-1

"ansi-regex@^5.0.0", ansi-regex@^5.0.1:
  version "5.0.1"`;

const YARN_BERRY = `__metadata:
  version: 8
  cacheKey: 10c0

"lodash@npm:^4.17.21":
  version: 4.17.21
  resolution: "lodash@npm:4.17.21"
  dependencies:
    ms: "npm:0.7.0"
  checksum: 10c0/d8cbea072bb08655bb4c989da418994b073a608dffa608b09ac04b43a791b12aeae7cd7ad919aa4c925f33b48490b5cfe6c1f71d827956071dae2e7bb3a6b74c
  languageName: node
  linkType: hard`;

const GEMFILE_LOCK = `GIT
  remote: https://github.com/hanami/utils.git
  revision: 5904fc9a70683b8749aa2861257d0c8c01eae4aa
  specs:
    hanami-utils (2.0.0.alpha1)

GEM
  remote: https://rubygems.org/
  specs:
    actionpack (7.0.4.3)
      rack (~> 2.0, >= 2.2.0)
    nokogiri (1.13.3-x86_64-linux)

PLATFORMS
  x86_64-linux

DEPENDENCIES
  hanami-utils!
  rails (~> 7.0.4)

CHECKSUMS
  actionpack (7.0.4.3) sha256=5b8e1a3f

BUNDLED WITH
   2.4.10`;

const MIX_LOCK = `%{
  "jason": {:hex, :jason, "1.4.1", "af1504e35f629ddcdd6addb3513c3853991f694921b1b9368b0bd32beb9f1b63", [:mix], [{:decimal, "~> 1.0 or ~> 2.0", [hex: :decimal, repo: "hexpm", optional: true]}], "hexpm", "fbb01ecdfd565b56261302f7e1fcc27c4fb8f32d56eab74db621fc154604a7a1"},
  "forked": {:git, "https://github.com/acme/forked.git", "a9574ab75d6ed01e1288c453ae1d943d7a964595", [branch: "main"]},
}`;

const GRADLE_LOCKFILE = `# This is a Gradle generated file for dependency locking.
com.fasterxml.jackson.core:jackson-databind:2.13.0=compileClasspath,runtimeClasspath
empty=testAnnotationProcessor`;

const KEY_TOKENS: KeyToken[] = [
  // TOML: Cargo.lock, Cargo.toml, poetry.lock / pyproject.toml
  { grammar: 'toml', text: CARGO_LOCK, token: '# This file', scope: 'comment.line.number-sign' },
  { grammar: 'toml', text: CARGO_LOCK, token: '[[', scope: 'punctuation.definition.array.table' },
  { grammar: 'toml', text: CARGO_LOCK, token: 'package', scope: 'support.type.property-name.array' },
  { grammar: 'toml', text: CARGO_LOCK, token: '[[package]]', scope: 'meta.array.table' },
  { grammar: 'toml', text: CARGO_LOCK, token: 'name', scope: 'variable.other.key', not: 'string' },
  { grammar: 'toml', text: CARGO_LOCK, token: '"serde"', scope: 'string.quoted.double' },
  { grammar: 'toml', text: CARGO_LOCK, token: '3', scope: 'constant.numeric.integer' },
  { grammar: 'toml', text: CARGO_LOCK, token: '"serde_derive"', scope: 'string.quoted.double' },
  { grammar: 'toml', text: CARGO_LOCK, token: '"serde_derive"', scope: 'meta.array' },
  { grammar: 'toml', text: CARGO_TOML, token: 'dependencies', scope: 'support.type.property-name.table' },
  { grammar: 'toml', text: CARGO_TOML, token: 'version', scope: 'variable.other.key' },
  { grammar: 'toml', text: CARGO_TOML, token: 'version', scope: 'meta.table.inline' },
  { grammar: 'toml', text: CARGO_TOML, token: '"x"', scope: 'string.quoted.double' },
  { grammar: 'toml', text: CARGO_TOML, token: 'true', scope: 'constant.language.boolean' },
  { grammar: 'toml', text: CARGO_TOML, token: 'dotted', scope: 'variable.other.key' },
  { grammar: 'toml', text: CARGO_TOML, within: 'dotted.version', token: '.', scope: 'punctuation.separator.dot' },
  { grammar: 'toml', text: CARGO_TOML, within: "target.'cfg(windows)'", token: '.', scope: 'punctuation.separator.dot' },
  { grammar: 'toml', text: CARGO_TOML, token: "'cfg(windows)'", scope: 'support.type.property-name.table' },
  { grammar: 'toml', text: POETRY_LOCK, token: '\\"', scope: 'constant.character.escape' },
  { grammar: 'toml', text: POETRY_LOCK, token: 'markers', scope: 'variable.other.key' },
  { grammar: 'toml', text: POETRY_LOCK, token: '"pympler"', scope: 'string.quoted.double' },
  { grammar: 'toml', text: POETRY_LOCK, token: "'py36'", scope: 'string.quoted.single' },
  { grammar: 'toml', text: POETRY_LOCK, token: '.*/setup\\.py$', scope: 'string.quoted.triple' },
  { grammar: 'toml', text: POETRY_LOCK, token: 'Multi-line "basic" string', scope: 'string.quoted.triple' },
  { grammar: 'toml', text: POETRY_LOCK, token: '\\t', scope: 'constant.character.escape' },
  { grammar: 'toml', text: POETRY_LOCK, token: 'size', scope: 'variable.other.key', not: 'string' },
  { grammar: 'toml', text: POETRY_LOCK, token: '159642', scope: 'constant.numeric.integer' },
  { grammar: 'toml', text: POETRY_LOCK, token: '0.25', scope: 'constant.numeric.float' },
  { grammar: 'toml', text: POETRY_LOCK, token: '1979-05-27T07:32:00Z', scope: 'constant.numeric.datetime' },

  // pip requirements
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: "# The application's requirements", scope: 'comment.line.number-sign' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: '-r', scope: 'entity.other.attribute-name.option' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: 'base.txt', scope: 'string.unquoted.path' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: '--index-url', scope: 'entity.other.attribute-name.option' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: 'https://pypi.org/simple', scope: 'markup.underline.link' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: 'flask', scope: 'entity.name.type.package' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: '==', scope: 'keyword.operator.comparison' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: '1.0.2', scope: 'constant.numeric.version' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: '--hash', scope: 'entity.other.attribute-name.option' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: 'sha256', scope: 'storage.type.hash-algorithm' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: '2f3ea1c9d4', scope: 'constant.other.hash' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: 'security', scope: 'variable.parameter.extra' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: '>=', scope: 'keyword.operator.comparison' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: '2.8.*', scope: 'constant.numeric.version' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: 'python_version', scope: 'support.variable.marker' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: '<', scope: 'keyword.operator.comparison' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: '"2.7"', scope: 'string.quoted.double' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: '@', scope: 'keyword.operator' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: 'https://github.com/urllib3', scope: 'markup.underline.link' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: '~=', scope: 'keyword.operator.comparison' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: '# Compatible release', scope: 'comment.line.number-sign' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: 'git+https://github.com/acme/tool.git#egg=tool', scope: 'markup.underline.link', not: 'comment' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: '${REQUIREMENTS_DIR}', scope: 'variable.other.environment' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: '\\', scope: 'constant.character.escape.line-continuation' },
  { grammar: 'pip-requirements', text: REQUIREMENTS, token: '456', scope: 'constant.other.hash' },

  // go.mod / go.work / go.sum
  { grammar: 'go.mod', text: GO_MOD, token: 'module', scope: 'keyword.other.directive' },
  { grammar: 'go.mod', text: GO_MOD, token: 'github.com/gohugoio/hugo', scope: 'entity.name.type.module' },
  { grammar: 'go.mod', text: GO_MOD, token: '1.17', scope: 'constant.numeric.version' },
  { grammar: 'go.mod', text: GO_MOD, token: 'go1.23.6-xyz', scope: 'constant.numeric.version' },
  { grammar: 'go.mod', text: GO_MOD, token: 'require', scope: 'keyword.other.directive' },
  { grammar: 'go.mod', text: GO_MOD, token: '(', scope: 'punctuation.section.parens.begin' },
  { grammar: 'go.mod', text: GO_MOD, token: 'github.com/PuerkitoBio/urlesc', scope: 'entity.name.type.module' },
  { grammar: 'go.mod', text: GO_MOD, token: 'v0.0.0-20170810143723-de5bf2ad4578', scope: 'constant.numeric.version' },
  { grammar: 'go.mod', text: GO_MOD, token: '// indirect', scope: 'comment.line.double-slash' },
  { grammar: 'go.mod', text: GO_MOD, token: 'gopkg.in/yaml.v2', scope: 'entity.name.type.module', not: 'constant' },
  { grammar: 'go.mod', text: GO_MOD, token: '=>', scope: 'keyword.operator' },
  { grammar: 'go.mod', text: GO_MOD, token: 'example.com/fork/net', scope: 'entity.name.type.module' },
  { grammar: 'go.mod', text: GO_MOD, token: './local-dep', scope: 'string.unquoted.path' },
  { grammar: 'go.mod', text: GO_MOD, token: 'v1.9.9', scope: 'constant.numeric.version' },
  { grammar: 'go.mod', text: GO_MOD, token: '// published by mistake', scope: 'comment.line.double-slash' },
  { grammar: 'go.mod', text: GO_WORK, token: 'use', scope: 'keyword.other.directive' },
  { grammar: 'go.mod', text: GO_WORK, token: './tools/', scope: 'string.unquoted.path' },
  { grammar: 'go.sum', text: GO_SUM, token: 'cloud.google.com/go', scope: 'entity.name.type.module' },
  { grammar: 'go.sum', text: GO_SUM, token: 'v0.26.0', scope: 'constant.numeric.version' },
  { grammar: 'go.sum', text: GO_SUM, token: 'go.mod', scope: 'support.type.go-mod' },
  { grammar: 'go.sum', text: GO_SUM, token: 'h1', scope: 'storage.type.hash-algorithm' },
  { grammar: 'go.sum', text: GO_SUM, token: 'aQUYkXzVsufM+DwF1aE+0xfcU+56JwCaLick0ClmMTw=', scope: 'constant.other.hash' },
  { grammar: 'go.sum', text: GO_SUM, token: 'v1.0.0', scope: 'constant.numeric.version' },

  // yarn.lock, classic and berry
  { grammar: 'yarnlock', text: YARN_V1, token: '# yarn lockfile v1', scope: 'comment.line.number-sign' },
  { grammar: 'yarnlock', text: YARN_V1, token: '@ava/babel', scope: 'entity.name.type.package' },
  { grammar: 'yarnlock', text: YARN_V1, token: '2.0.0', scope: 'constant.numeric.version' },
  { grammar: 'yarnlock', text: YARN_V1, token: 'version', scope: 'support.type.property-name' },
  { grammar: 'yarnlock', text: YARN_V1, token: '2.0.0', nth: 1, scope: 'constant.numeric.version' },
  { grammar: 'yarnlock', text: YARN_V1, token: 'https://registry.npmjs.org/@ava/babel', scope: 'markup.underline.link' },
  { grammar: 'yarnlock', text: YARN_V1, token: 'sha512', scope: 'storage.type.hash-algorithm' },
  { grammar: 'yarnlock', text: YARN_V1, token: '50ol1X2AOuX82UskqQYx7XCvv', scope: 'constant.other.hash' },
  { grammar: 'yarnlock', text: YARN_V1, token: 'dependencies', scope: 'support.type.property-name' },
  { grammar: 'yarnlock', text: YARN_V1, token: '"@babel/core"', scope: 'entity.name.type.package' },
  { grammar: 'yarnlock', text: YARN_V1, token: '^', scope: 'keyword.operator.comparison' },
  { grammar: 'yarnlock', text: YARN_V1, token: '7.14.6', scope: 'constant.numeric.version' },
  { grammar: 'yarnlock', text: YARN_V1, token: 'mine', scope: 'entity.name.type.package' },
  { grammar: 'yarnlock', text: YARN_V1, token: 'ansi-regex', nth: 1, scope: 'entity.name.type.package' },
  { grammar: 'yarnlock', text: YARN_V1, token: '5.0.1', scope: 'constant.numeric.version' },
  { grammar: 'yarnlock', text: YARN_BERRY, token: '__metadata', scope: 'support.type.property-name' },
  { grammar: 'yarnlock', text: YARN_BERRY, token: 'lodash', scope: 'entity.name.type.package' },
  { grammar: 'yarnlock', text: YARN_BERRY, token: 'npm', scope: 'storage.type.protocol' },
  { grammar: 'yarnlock', text: YARN_BERRY, token: '4.17.21', nth: 1, scope: 'constant.numeric.version' },
  { grammar: 'yarnlock', text: YARN_BERRY, token: 'resolution', scope: 'support.type.property-name' },
  { grammar: 'yarnlock', text: YARN_BERRY, token: '"lodash@npm:4.17.21"', scope: 'string.quoted.double' },
  { grammar: 'yarnlock', text: YARN_BERRY, token: 'ms', scope: 'entity.name.type.package' },
  { grammar: 'yarnlock', text: YARN_BERRY, token: 'd8cbea072bb08655bb4c989da418994b', scope: 'constant.other.hash' },

  // Gemfile.lock
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: 'GIT', scope: 'entity.name.section' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: 'GEM', scope: 'markup.heading' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: 'remote', scope: 'support.type.property-name' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: 'https://rubygems.org/', scope: 'markup.underline.link' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: '5904fc9a70683b8749aa2861257d0c8c01eae4aa', scope: 'constant.other.hash' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: 'specs', scope: 'support.type.property-name' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: 'hanami-utils', scope: 'entity.name.type.package' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: '2.0.0.alpha1', scope: 'constant.numeric.version' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: 'actionpack', scope: 'entity.name.type.package' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: '7.0.4.3', scope: 'constant.numeric.version' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: '~>', scope: 'keyword.operator.comparison' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: '2.2.0', scope: 'constant.numeric.version' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: '1.13.3', scope: 'constant.numeric.version' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: 'x86_64-linux', scope: 'support.type.platform' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: 'PLATFORMS', scope: 'entity.name.section' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: 'x86_64-linux', nth: 1, scope: 'support.type.platform', not: 'entity.name' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: '!', scope: 'keyword.operator' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: 'sha256', scope: 'storage.type.hash-algorithm' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: '5b8e1a3f', scope: 'constant.other.hash' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: 'BUNDLED WITH', scope: 'entity.name.section' },
  { grammar: 'gemfilelock', text: GEMFILE_LOCK, token: '2.4.10', scope: 'constant.numeric.version' },

  // mix.lock
  { grammar: 'mixlock', text: MIX_LOCK, token: '%', scope: 'punctuation.definition.map' },
  { grammar: 'mixlock', text: MIX_LOCK, token: 'jason', scope: 'entity.name.type.package' },
  { grammar: 'mixlock', text: MIX_LOCK, token: '"jason"', scope: 'string.quoted.double' },
  { grammar: 'mixlock', text: MIX_LOCK, token: ':hex', scope: 'constant.other.symbol' },
  { grammar: 'mixlock', text: MIX_LOCK, token: ':jason', scope: 'constant.other.symbol' },
  { grammar: 'mixlock', text: MIX_LOCK, token: '1.4.1', scope: 'constant.numeric.version' },
  { grammar: 'mixlock', text: MIX_LOCK, token: 'af1504e35f629ddcdd6addb3513c3853991f694921b1b9368b0bd32beb9f1b63', scope: 'constant.other.hash' },
  { grammar: 'mixlock', text: MIX_LOCK, token: '[', scope: 'punctuation.section.brackets.begin' },
  { grammar: 'mixlock', text: MIX_LOCK, token: '~>', scope: 'keyword.operator.comparison' },
  { grammar: 'mixlock', text: MIX_LOCK, token: 'or', scope: 'keyword.operator.logical' },
  { grammar: 'mixlock', text: MIX_LOCK, token: 'hex:', scope: 'constant.other.keywords' },
  { grammar: 'mixlock', text: MIX_LOCK, token: 'true', scope: 'constant.language' },
  { grammar: 'mixlock', text: MIX_LOCK, token: 'https://github.com/acme/forked.git', scope: 'markup.underline.link' },

  // gradle.lockfile
  { grammar: 'gradlelockfile', text: GRADLE_LOCKFILE, token: '# This is a Gradle', scope: 'comment.line.number-sign' },
  { grammar: 'gradlelockfile', text: GRADLE_LOCKFILE, token: 'com.fasterxml.jackson.core', scope: 'entity.name.namespace' },
  { grammar: 'gradlelockfile', text: GRADLE_LOCKFILE, token: 'jackson-databind', scope: 'entity.name.type.package' },
  { grammar: 'gradlelockfile', text: GRADLE_LOCKFILE, token: '2.13.0', scope: 'constant.numeric.version' },
  { grammar: 'gradlelockfile', text: GRADLE_LOCKFILE, token: 'runtimeClasspath', scope: 'variable.other.configuration' },
  { grammar: 'gradlelockfile', text: GRADLE_LOCKFILE, token: 'empty', scope: 'keyword.other' },
  { grammar: 'gradlelockfile', text: GRADLE_LOCKFILE, token: 'testAnnotationProcessor', scope: 'variable.other.configuration' },
];

describe('TextMate grammars: key tokens get the scopes themes colour', () => {
  for (const row of KEY_TOKENS) {
    it(`${row.grammar}: ${row.token}${row.nth ? ` (#${row.nth + 1})` : ''} is ${row.scope}${row.not ? `, not ${row.not}` : ''}`, () => {
      const chars = scopesOfToken(grammar(row.grammar), row.text, row.token, row.nth ?? 0, row.within);
      chars.forEach((scopes, i) => {
        const where = `${JSON.stringify(row.token)}[${i}] has ${scopes.slice(1).join(' ') || '(no scope)'}`;
        assert.ok(scopes.some((s) => selects(row.scope, s)), where);
        if (row.not) assert.ok(!scopes.some((s) => selects(row.not!, s)), where);
      });
    });
  }
});

describe('TextMate grammars: tokenizing stays bounded', () => {
  for (const spec of GRAMMARS) {
    describe(spec.file, () => {
      it('tokenizes the largest fixture line by line, each line within the time limit', () => {
        const largest = fixturesFor(spec).sort((a, b) => fixtureSize(b) - fixtureSize(a))[0]!;
        const text = readFixture(largest);
        const cut = stoppedEarly(grammar(spec.file), text, 1000);
        assert.deepEqual(splitLines(text).filter((_, i) => cut[i]).map((l) => l.slice(0, 80)), [], largest);
      });

      it('tokenizes pathological 10,000-character lines within the time limit (no catastrophic backtracking)', () => {
        for (const line of pathologicalLines()) {
          assert.deepEqual(stoppedEarly(grammar(spec.file), line, 1000), [false], `${JSON.stringify(line.slice(0, 40))}… (${line.length} chars)`);
        }
      });

      it('never throws and always tiles each line, whatever the text', () => {
        fc.assert(
          fc.property(fc.array(fc.string({ unit: FUZZ_UNIT, maxLength: 60 }), { maxLength: 12 }), (lines) => {
            for (const { line, tokens, stoppedEarly } of tokenize(grammar(spec.file), lines.join('\n'), 1000).lines) {
              assert.equal(stoppedEarly, false);
              assert.equal(tokens[0]?.start, 0);
              for (let i = 1; i < tokens.length; i++) assert.equal(tokens[i]!.start, tokens[i - 1]!.end);
              assert.ok(tokens.at(-1)!.end >= line.length);
            }
          }),
          { numRuns: 150 },
        );
      });
    });
  }
});

/** Characters and fragments that mean something to at least one of the grammars. */
const FUZZ_UNIT = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...'aZ09._-/@:=",\'#[]{}()<>~^!*+\\;% \t$`|'.split('')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '"""', "'''", '[[', ']]', '==', '>=', '~=', '~>', '=>', '//', '--hash=', 'sha256:', 'h1:', 'sha512-',
      'v1.2.3', '1.0.0', 'require (', 'GEM', 'PLATFORMS', '  specs:', '    ', '%{', ':hex', 'empty=', 'https://x.y/',
      '${A}', ' #', 'true', '1979-05-27T07:32:00Z', '0x1f', 'inf',
    ),
  },
);

function pathologicalLines(): string[] {
  const n = 10_000;
  const bodies = [
    'a'.repeat(n),
    ' '.repeat(n) + 'x',
    '"' + 'a'.repeat(n),
    '"' + '\\"'.repeat(n / 2),
    'a.'.repeat(n / 2),
    'a.'.repeat(n / 2) + '=',
    '"a".'.repeat(n / 4) + ' ',
    '['.repeat(n),
    '[' + 'a.'.repeat(n / 2),
    '{'.repeat(n),
    '('.repeat(n),
    '@'.repeat(n),
    'a@'.repeat(n / 2) + ':',
    '"a@b", '.repeat(n / 7) + 'x',
    '1.'.repeat(n / 2),
    '1_'.repeat(n / 2) + 'x',
    'v1.'.repeat(n / 3),
    '-'.repeat(n),
    '--a '.repeat(n / 4),
    '=='.repeat(n / 2),
    ':a'.repeat(n / 2),
    'a:'.repeat(n / 2),
    'sha256:' + 'f'.repeat(n),
    'h1:' + 'A'.repeat(n),
    '#'.repeat(n),
    '/'.repeat(n),
    'a/'.repeat(n / 2) + ' ',
    'x://'.repeat(n / 4),
    '${'.repeat(n / 2),
  ];
  // Each body also after the prefixes that switch the grammars into their value contexts.
  return bodies.flatMap((body) => [body, `a = ${body}`, `    ${body}`, `  ${body}`, `foo==${body}`, `a:b:${body}`, `\t${body}`]);
}

/** Per character of the `nth` occurrence of `token` in `text`, the scopes it was given. */
function scopesOfToken(g: IGrammar, text: string, token: string, nth: number, within?: string): string[][] {
  let index = within === undefined ? -1 : text.indexOf(within) - 1;
  assert.ok(within === undefined || index >= -1, `${JSON.stringify(within)} does not occur`);
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(token, index + 1);
    assert.ok(index >= 0, `${JSON.stringify(token)} occurs fewer than ${nth + 1} times`);
  }
  const lineNo = text.slice(0, index).split('\n').length - 1;
  const column = index - (text.lastIndexOf('\n', index - 1) + 1);
  const { lines } = tokenize(g, text);
  const line = lines[lineNo]!;
  assert.ok(column + token.length <= line.line.length, `${JSON.stringify(token)} spans lines`);
  return Array.from({ length: token.length }, (_, i) => line.tokens.find((t) => t.start <= column + i && column + i < t.end)?.scopes ?? []);
}

function* regexes(node: unknown, at = '$'): Generator<{ at: string; source: string }> {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) yield* regexes(child, `${at}[${i}]`);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') yield { at: `${at}.${key}`, source: value };
      else yield* regexes(value, `${at}.${key}`);
    }
  }
}

function includes(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(includes);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'include' && typeof value === 'string' ? [value] : includes(value)));
}

function scopeNames(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(scopeNames);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    (key === 'name' || key === 'contentName') && typeof value === 'string' ? value.split(' ') : scopeNames(value),
  );
}
