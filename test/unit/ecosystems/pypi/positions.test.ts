import assert from 'node:assert/strict';
import { PYPI_PARSERS } from '../../../../server/src/ecosystems/pypi';
import { diskContext } from '../../../support/parse-contexts';
import { slice } from '../../../support/parse-results';
import { fixture } from './fixtures-folder';

/**
 * `versionRange` and `nameRange` are where diagnostics and quick fixes land: each must cover
 * exactly the token, quotes excluded, in every format and every way of writing an entry.
 */
interface Row {
  name: string;
  parser: string;
  file: string[];
  pkg: string;
  /** Text under versionRange and nameRange; `nth` picks among several packages of one name. */
  version: string;
  nameText: string;
  nth?: number;
}

const rows: Row[] = [
  // requirements files
  { name: 'pin', parser: 'pypi/requirements-txt', file: ['requirements-txt/osv-scalibr/comments.txt'], pkg: 'requests', version: '==1.0', nameText: 'requests' },
  { name: 'spaced operator', parser: 'pypi/requirements-txt', file: ['requirements-txt/osv-scanner-v1.9.2/with-per-requirement-options.txt'], pkg: 'fooproject', version: '== 1.2', nameText: 'FooProject' },
  { name: 'specifier after a line continuation', parser: 'pypi/requirements-txt', file: ['requirements-txt/osv-scalibr/with_versions.txt'], pkg: 'qwerty', version: '== 0.1', nameText: 'qwerty' },
  { name: 'compound specifier with extras and marker', parser: 'pypi/requirements-txt', file: ['requirements-txt/osv-scalibr/example.txt'], pkg: 'requests', version: '>= 2.8.1, == 2.8.*', nameText: 'requests' },
  { name: 'bare name (range = the name)', parser: 'pypi/requirements-txt', file: ['requirements-txt/osv-scalibr/example.txt'], pkg: 'pytest-cov', version: 'pytest-cov', nameText: 'pytest-cov' },
  { name: 'direct URL', parser: 'pypi/requirements-txt', file: ['requirements-txt/osv-scalibr/example.txt'], pkg: 'urllib3', version: 'https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip', nameText: 'urllib3' },
  { name: 'wheel path names the project inside the path', parser: 'pypi/requirements-txt', file: ['requirements-txt/osv-scalibr/example.txt'], pkg: 'numpy', version: './downloads/numpy-1.9.2-cp34-none-win32.whl', nameText: 'numpy' },
  { name: 'hashes on continuation lines', parser: 'pypi/requirements-txt', file: ['requirements-txt/osv-scalibr/multiline_and_comments.txt'], pkg: 'pkga', version: '==1.0', nameText: 'pkgA' },
  { name: 'include line for an included package', parser: 'pypi/requirements-txt', file: ['scenarios/requirements-includes/requirements.txt'], pkg: 'idna', version: 'nested/extra.txt', nameText: 'nested/extra.txt' },
  // pyproject.toml
  { name: 'PEP 508 string with extras and marker', parser: 'pypi/pyproject-toml', file: ['scenarios/pyproject-sections/pyproject.toml'], pkg: 'requests', version: '>=2.8.1, ==2.8.*', nameText: 'requests' },
  { name: 'PEP 508 name as written', parser: 'pypi/pyproject-toml', file: ['scenarios/pyproject-sections/pyproject.toml'], pkg: 'django', version: '==4.2.1', nameText: 'Django' },
  { name: 'PEP 508 string after escaped quotes', parser: 'pypi/pyproject-toml', file: ['pyproject-toml/osv-scalibr/env_markers.toml'], pkg: 'importlib-metadata', version: '==6.0.0', nameText: 'importlib-metadata' },
  { name: 'literal string', parser: 'pypi/pyproject-toml', file: ['scenarios/pyproject-sections/pyproject.toml'], pkg: 'markers-only', version: 'markers-only', nameText: 'markers-only' },
  { name: 'PEP 735 group entry', parser: 'pypi/pyproject-toml', file: ['scenarios/pyproject-sections/pyproject.toml'], pkg: 'coverage', version: '==7.5.0', nameText: 'coverage' },
  { name: 'Poetry string', parser: 'pypi/pyproject-toml', file: ['scenarios/poetry-app/pyproject.toml'], pkg: 'requests', version: '^2.25', nameText: 'requests' },
  { name: 'Poetry inline table', parser: 'pypi/pyproject-toml', file: ['scenarios/poetry-app/pyproject.toml'], pkg: 'flask', version: '==2.0.1', nameText: 'Flask' },
  { name: 'Poetry array form, second element', parser: 'pypi/pyproject-toml', file: ['scenarios/poetry-app/pyproject.toml'], pkg: 'numpy', nth: 1, version: '^1.26', nameText: 'numpy' },
  { name: 'Poetry standard table', parser: 'pypi/pyproject-toml', file: ['scenarios/poetry-app/pyproject.toml'], pkg: 'urllib3', version: '>=1.26,<2', nameText: 'urllib3' },
  { name: 'Poetry table without version (range = the key)', parser: 'pypi/pyproject-toml', file: ['scenarios/poetry-app/pyproject.toml'], pkg: 'pendulum', version: 'pendulum', nameText: 'pendulum' },
  // Pipfile
  { name: 'Pipfile star', parser: 'pypi/pipfile', file: ['scenarios/pipfile-app/Pipfile'], pkg: 'requests', version: '*', nameText: 'requests' },
  { name: 'Pipfile table', parser: 'pypi/pipfile', file: ['scenarios/pipfile-app/Pipfile'], pkg: 'flask', version: '>=2.0', nameText: 'flask' },
  // lockfiles
  { name: 'poetry.lock', parser: 'pypi/poetry-lock', file: ['realworld/poetry-2021-poetry-lock/poetry.lock'], pkg: 'backports-entry-points-selectable', version: '1.1.1', nameText: 'backports.entry-points-selectable' },
  { name: 'Pipfile.lock version after ==', parser: 'pypi/pipfile-lock', file: ['pipfile-lock/osv-scanner-v1.9.2/two-packages.json'], pkg: 'markupsafe', version: '2.1.1', nameText: 'markupsafe' },
  { name: 'Pipfile.lock minified', parser: 'pypi/pipfile-lock', file: ['pipfile-lock/osv-scalibr/minified.json'], pkg: 'markupsafe', version: '2.1.1', nameText: 'markupsafe' },
  { name: 'uv.lock', parser: 'pypi/uv-lock', file: ['scenarios/uv-workspace/uv.lock'], pkg: 'anyio', version: '4.3.0', nameText: 'anyio' },
  { name: 'uv.lock fork', parser: 'pypi/uv-lock', file: ['scenarios/uv-workspace/uv.lock'], pkg: 'numpy', nth: 1, version: '2.1.0', nameText: 'numpy' },
  { name: 'pdm.lock', parser: 'pypi/pdm-lock', file: ['pdm-lock/osv-scanner-v1.9.2/dev-dependency.toml'], pkg: 'win-inet-pton', version: '1.1.0', nameText: 'win-inet-pton' },
  { name: 'pylock.toml literal strings', parser: 'pypi/pylock-toml', file: ['pylock-toml/osv-scalibr/example.toml'], pkg: 'cattrs', version: '24.1.2', nameText: 'cattrs' },
];

describe('pypi: versionRange and nameRange', () => {
  for (const row of rows) {
    it(`${row.parser}: ${row.name}`, () => {
      const { path, text } = fixture(...row.file);
      const result = PYPI_PARSERS[row.parser]!(path, text, diskContext());
      const pkg = result.packages.filter((p) => p.name === row.pkg)[row.nth ?? 0];
      assert.ok(pkg, `no ${row.pkg}`);
      assert.equal(slice(text, pkg.versionRange), row.version);
      assert.equal(slice(text, pkg.nameRange), row.nameText);
    });
  }

  it('maps offsets through TOML escapes inside the string', () => {
    const text = '[project]\ndependencies = ["reques\\u0074s>=2.0; python_version >= \\"3.8\\""]\n';
    const result = PYPI_PARSERS['pypi/pyproject-toml']!('/p/pyproject.toml', text);
    const pkg = result.packages[0]!;
    assert.equal(pkg.name, 'requests');
    assert.equal(slice(text, pkg.nameRange), 'reques\\u0074s');
    assert.equal(slice(text, pkg.versionRange), '>=2.0');
  });
});
