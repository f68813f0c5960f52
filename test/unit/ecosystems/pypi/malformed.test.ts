import assert from 'node:assert/strict';
import { PYPI_PARSERS } from '../../../../server/src/ecosystems/pypi';
import { fixture } from './fixtures-folder';

/**
 * A file that cannot be read gives exactly one diagnostic, at the place of the problem (the place
 * the TOML / JSON parser reports), with a message that names the file and position.
 */
interface Row {
  parser: string;
  file: string;
  text: string;
  /** 0-based line and character of the error. */
  line: number;
  character?: number;
  severity: 'error' | 'warning';
  /** Packages still extracted (line formats keep going after a bad line). */
  packages?: string[];
}

const rows: Row[] = [
  { parser: 'pypi/requirements-txt', file: 'requirements.txt', text: 'requests==2.0\nflask==\nsix==1.16.0\n', line: 1, character: 0, severity: 'warning', packages: ['requests', 'six'] },
  { parser: 'pypi/requirements-txt', file: 'requirements.txt', text: 'requests==2.0\n  nope nope\n', line: 1, character: 2, severity: 'warning', packages: ['requests'] },
  { parser: 'pypi/pyproject-toml', file: 'pyproject.toml', text: '[project]\nname = "x"\ndependencies = [\n  "a",\n  "b"\n  "c",\n]\n', line: 5, severity: 'error' },
  { parser: 'pypi/pipfile', file: 'Pipfile', text: '[packages]\nrequests = "*"\nflask = "*\n', line: 2, character: 10, severity: 'error' },
  { parser: 'pypi/poetry-lock', file: 'poetry.lock', text: '[[package]]\nname = "a"\nversion = 1.0.0\n', line: 2, character: 13, severity: 'error' },
  { parser: 'pypi/pipfile-lock', file: 'Pipfile.lock', text: '{\n  "default": {\n    "a": {"version": "==1.0"},\n  }\n}\n', line: 3, character: 2, severity: 'error' },
  { parser: 'pypi/pipfile-lock', file: 'Pipfile.lock', text: '[]', line: 0, character: 0, severity: 'error' },
  { parser: 'pypi/uv-lock', file: 'uv.lock', text: 'version = 1\n\n[[package]]\nname = "a"\nversion = "1.0"\nsource = { registry = "https://pypi.org/simple", }\n', line: 5, character: 49, severity: 'error' },
  { parser: 'pypi/pdm-lock', file: 'pdm.lock', text: '[metadata]\ngroups = ["default"]\n[[package]]\nname = "a"\nname = "b"\n', line: 4, character: 0, severity: 'error' },
  { parser: 'pypi/pylock-toml', file: 'pylock.toml', text: 'lock-version = "1.0"\n[[packages]]\nname = "a\nversion = "1"\n', line: 2, severity: 'error' },
];

describe('pypi: malformed input', () => {
  for (const row of rows) {
    it(`${row.parser}: ${JSON.stringify(row.text.slice(0, 40))}`, () => {
      const result = PYPI_PARSERS[row.parser]!(`/w/${row.file}`, row.text);
      assert.equal(result.errors.length, 1, JSON.stringify(result.errors));
      const [error] = result.errors;
      assert.equal(error!.severity, row.severity);
      assert.equal(error!.range.start.line, row.line, error!.message);
      if (row.character !== undefined) assert.equal(error!.range.start.character, row.character, error!.message);
      assert.ok(error!.message.includes(row.file), error!.message);
      assert.deepEqual(result.packages.map((p) => p.name), row.packages ?? []);
    });
  }

  it('corpus: every line pip rejects is one warning at its line; what pip accepts is still read', () => {
    const { path, text } = fixture('requirements-txt/osv-scalibr/invalid.txt');
    const result = PYPI_PARSERS['pypi/requirements-txt']!(path, text);
    assert.deepEqual(result.errors.map((e) => [e.range.start.line, e.severity]), [[0, 'warning'], [1, 'warning'], [2, 'warning']]);
    assert.deepEqual(result.packages.map((p) => [p.name, p.source]), [['urllib3', 'url']]);
  });

  it('corpus: not-TOML and not-JSON lockfiles give one error at the first bad character', () => {
    for (const [parser, file] of [
      ['pypi/poetry-lock', 'poetry-lock/osv-scanner-v1.9.2/not-toml.txt'],
      ['pypi/pdm-lock', 'pdm-lock/osv-scanner-v1.9.2/not-toml.txt'],
      ['pypi/pylock-toml', 'pylock-toml/osv-scalibr/not-toml.txt'],
      ['pypi/pyproject-toml', 'pyproject-toml/osv-scalibr/malformed.toml'],
      ['pypi/pipfile-lock', 'pipfile-lock/osv-scanner-v1.9.2/not-json.txt'],
    ] as const) {
      const { path, text } = fixture(file);
      const result = PYPI_PARSERS[parser]!(path, text);
      assert.equal(result.errors.length, 1, file);
      assert.equal(result.errors[0]!.range.start.line, 0, file);
      assert.match(result.errors[0]!.message, /could not parse .* at 1:\d+: /, file);
    }
  });

  it('empty files are not errors', () => {
    for (const parser of Object.keys(PYPI_PARSERS)) {
      const result = PYPI_PARSERS[parser]!('/w/file', '');
      assert.deepEqual(result.errors, [], parser);
      assert.deepEqual(result.packages, [], parser);
    }
  });
});
