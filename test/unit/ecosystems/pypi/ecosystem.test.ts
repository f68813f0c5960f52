import assert from 'node:assert/strict';
import type { FormatEntry } from '../../../../server/src/ecosystems/format';
import { FORMATS, PYPI_PARSERS, pypiEcosystem } from '../../../../server/src/ecosystems/pypi';

const FILES: readonly FormatEntry[] = FORMATS;

function kindFor(baseName: string) {
  return FILES.find((kind) => kind.patterns.some((glob) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`, 'i').test(baseName)));
}

describe('pypi: the ecosystem entry', () => {
  it('has a parser for every file kind and a file kind for every parser', () => {
    assert.deepEqual(FILES.map((f) => f.parser).sort(), Object.keys(PYPI_PARSERS).sort());
    assert.deepEqual(pypiEcosystem.parsers, PYPI_PARSERS);
    for (const kind of FILES) assert.equal(kind.ecosystem, 'PyPI');
  });

  it('recognises the files users have', () => {
    const table: Array<[string, string | undefined]> = [
      ['pyproject.toml', 'pypi/pyproject-toml'],
      ['Pipfile', 'pypi/pipfile'],
      ['Pipfile.lock', 'pypi/pipfile-lock'],
      ['requirements.txt', 'pypi/requirements-txt'],
      ['requirements-dev.txt', 'pypi/requirements-txt'],
      ['dev-requirements.txt', 'pypi/requirements-txt'],
      ['test_requirements.txt', 'pypi/requirements-txt'],
      ['poetry.lock', 'pypi/poetry-lock'],
      ['uv.lock', 'pypi/uv-lock'],
      ['pdm.lock', 'pypi/pdm-lock'],
      ['pylock.toml', 'pypi/pylock-toml'],
      ['pylock.dev.toml', 'pypi/pylock-toml'],
      ['requirements.in', undefined],
      ['constraints.txt', undefined],
    ];
    for (const [name, parser] of table) assert.equal(kindFor(name)?.parser, parser, name);
  });

  it('pairs manifests with the lockfiles that resolve them, in preference order', () => {
    assert.deepEqual(kindFor('pyproject.toml')?.lockfiles, ['pypi/poetry-lock', 'pypi/uv-lock', 'pypi/pdm-lock', 'pypi/pylock-toml']);
    assert.deepEqual(kindFor('Pipfile')?.lockfiles, ['pypi/pipfile-lock']);
    assert.equal(kindFor('requirements.txt')?.lockfiles, undefined, 'a requirements file stands alone');
    const priority = (p: string) => FILES.find((f) => f.parser === p)!.priority!;
    assert.ok(priority('pypi/poetry-lock') > priority('pypi/uv-lock') && priority('pypi/uv-lock') > priority('pypi/pdm-lock') && priority('pypi/pdm-lock') > priority('pypi/pylock-toml'));
  });

  it('names the lockfile refresh commands (argv, no shell)', () => {
    const command = pypiEcosystem.lockfileCommand!;
    assert.deepEqual(command('pypi/poetry-lock'), { command: 'poetry', args: ['lock'] });
    assert.deepEqual(command('pypi/uv-lock'), { command: 'uv', args: ['lock'] });
    assert.deepEqual(command('pypi/pdm-lock'), { command: 'pdm', args: ['lock', '--update-reuse'] });
    assert.deepEqual(command('pypi/pipfile-lock'), { command: 'pipenv', args: ['lock'] });
    assert.equal(command('pypi/pylock-toml'), undefined);
    assert.equal(command('npm/package-lock'), undefined);
  });

  it('exposes the OSV name, purl type, scheme and name normalisation', () => {
    assert.equal(pypiEcosystem.name, 'PyPI');
    assert.equal(pypiEcosystem.purlType, 'pypi');
    assert.equal(pypiEcosystem.normalizeName('Zope.Interface'), 'zope-interface');
    assert.equal(pypiEcosystem.purl('Django', '4.2.1'), 'pkg:pypi/django@4.2.1');
    const { scheme } = pypiEcosystem;
    const a = scheme.parse('1.0.post1');
    const b = scheme.parse('1.1rc1');
    assert.ok(a !== undefined && b !== undefined);
    assert.ok(scheme.compare(a, b) < 0);
  });
});
