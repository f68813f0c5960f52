import type { DependencyFileKind } from '../files';

/**
 * The PyPI dependency files, merged into DEPENDENCY_FILES. Plain data, so the client can import it.
 *
 * pyproject.toml is resolved by whichever lockfile sits next to it (preference: poetry.lock,
 * uv.lock, pdm.lock, pylock.toml); Pipfile by Pipfile.lock. Requirements files stand alone: an
 * `==` pin is the installed version. pip-tools inputs (`requirements.in`) are not read: they are
 * compiled into the requirements.txt that is, and reading both would report every finding twice,
 * once less precisely.
 */
export const FILES: readonly DependencyFileKind[] = [
  {
    parser: 'pypi/pyproject-toml',
    ecosystem: 'PyPI',
    kind: 'manifest',
    patterns: ['pyproject.toml'],
    lockfiles: ['pypi/poetry-lock', 'pypi/uv-lock', 'pypi/pdm-lock', 'pypi/pylock-toml'],
  },
  { parser: 'pypi/pipfile', ecosystem: 'PyPI', kind: 'manifest', patterns: ['Pipfile'], lockfiles: ['pypi/pipfile-lock'] },
  { parser: 'pypi/requirements-txt', ecosystem: 'PyPI', kind: 'manifest', patterns: ['requirements*.txt', '*-requirements.txt', '*_requirements.txt'] },
  { parser: 'pypi/poetry-lock', ecosystem: 'PyPI', kind: 'lockfile', patterns: ['poetry.lock'], priority: 40 },
  { parser: 'pypi/uv-lock', ecosystem: 'PyPI', kind: 'lockfile', patterns: ['uv.lock'], priority: 30 },
  { parser: 'pypi/pdm-lock', ecosystem: 'PyPI', kind: 'lockfile', patterns: ['pdm.lock'], priority: 20 },
  { parser: 'pypi/pylock-toml', ecosystem: 'PyPI', kind: 'lockfile', patterns: ['pylock.toml', 'pylock.*.toml'], priority: 10 },
  { parser: 'pypi/pipfile-lock', ecosystem: 'PyPI', kind: 'lockfile', patterns: ['Pipfile.lock'], priority: 10 },
];
