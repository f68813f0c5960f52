import type { FormatEntry } from '../format';

/** pipenv reads the Pipfile with tomlkit, which takes a byte-order mark for the start of a key. */
const PIPENV = 'pipenv (tomlkit)';

/**
 * The PyPI dependency files.
 *
 * pyproject.toml is resolved by whichever lockfile sits next to it (preference: poetry.lock,
 * uv.lock, pdm.lock, pylock.toml); Pipfile by Pipfile.lock. Requirements files stand alone: an
 * `==` pin is the installed version. pip-tools inputs (`requirements.in`) are not read: they are
 * compiled into the requirements.txt that is, and reading both would report every finding twice,
 * once less precisely.
 *
 * Lockfile commands keep the other locked versions: Poetry 2.x keeps them by default (1.x needed
 * `--no-update`, which 2.0 removed); `uv lock` keeps what still satisfies the requirements; `pdm
 * lock --update-reuse` reuses pinned versions. pylock.toml gets none: several tools write it (`pip
 * lock`, `uv export`, PDM) and the file does not say which.
 *
 * Byte-order marks: pip decodes requirements files by their BOM; Python's tomllib (pip, Poetry's
 * pyproject reader, PDM) and tomlkit (Poetry's lock, pipenv) reject one; uv's TOML parser skips it.
 */
export const FORMATS = [
  {
    parser: 'pypi/pyproject-toml',
    ecosystem: 'PyPI',
    kind: 'manifest',
    patterns: ['pyproject.toml'],
    language: 'toml',
    byteOrderMark: { acceptedBy: 'uv', rejectedBy: 'pip, Poetry and PDM (tomllib)' },
    lockfiles: ['pypi/poetry-lock', 'pypi/uv-lock', 'pypi/pdm-lock', 'pypi/pylock-toml'],
  },
  { parser: 'pypi/pipfile', ecosystem: 'PyPI', kind: 'manifest', patterns: ['Pipfile'], language: 'toml', byteOrderMark: { rejectedBy: PIPENV }, lockfiles: ['pypi/pipfile-lock'] },
  {
    parser: 'pypi/requirements-txt',
    ecosystem: 'PyPI',
    kind: 'manifest',
    patterns: ['requirements*.txt', '*-requirements.txt', '*_requirements.txt'],
    language: 'pip-requirements',
    byteOrderMark: 'accepted',
  },
  {
    parser: 'pypi/poetry-lock',
    ecosystem: 'PyPI',
    kind: 'lockfile',
    patterns: ['poetry.lock'],
    language: 'toml',
    byteOrderMark: { rejectedBy: 'Poetry (tomlkit)' },
    lockfileCommand: { command: 'poetry', args: ['lock'] },
    priority: 40,
  },
  {
    parser: 'pypi/uv-lock',
    ecosystem: 'PyPI',
    kind: 'lockfile',
    patterns: ['uv.lock'],
    language: 'toml',
    byteOrderMark: 'accepted',
    lockfileCommand: { command: 'uv', args: ['lock'] },
    priority: 30,
    overrides: {
      read: [['tool', 'uv', 'constraint-dependencies'], ['tool', 'uv', 'override-dependencies']],
      write: { path: ['tool', 'uv', 'constraint-dependencies'], label: 'uv constraint' },
    },
  },
  {
    parser: 'pypi/pdm-lock',
    ecosystem: 'PyPI',
    kind: 'lockfile',
    patterns: ['pdm.lock'],
    language: 'toml',
    byteOrderMark: { rejectedBy: 'PDM (tomllib)' },
    lockfileCommand: { command: 'pdm', args: ['lock', '--update-reuse'] },
    priority: 20,
    overrides: { read: [['tool', 'pdm', 'resolution', 'overrides']], write: { path: ['tool', 'pdm', 'resolution', 'overrides'], label: 'PDM override' } },
  },
  {
    parser: 'pypi/pylock-toml',
    ecosystem: 'PyPI',
    kind: 'lockfile',
    patterns: ['pylock.toml', 'pylock.*.toml'],
    language: 'toml',
    byteOrderMark: { acceptedBy: 'uv', rejectedBy: 'pip (tomllib)' },
    priority: 10,
  },
  {
    parser: 'pypi/pipfile-lock',
    ecosystem: 'PyPI',
    kind: 'lockfile',
    patterns: ['Pipfile.lock'],
    language: 'json',
    // pipenv opens it as text and hands it to json.load, which refuses a leading U+FEFF.
    byteOrderMark: { rejectedBy: 'pipenv (Python json)' },
    lockfileCommand: { command: 'pipenv', args: ['lock'] },
    priority: 10,
  },
] as const satisfies readonly FormatEntry[];
