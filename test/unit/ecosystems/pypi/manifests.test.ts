import assert from 'node:assert/strict';
import { parsePipfile } from '../../../../server/src/ecosystems/pypi/pipfile';
import { parsePyprojectToml } from '../../../../server/src/ecosystems/pypi/pyproject-toml';
import { groupsForRequirementsFile, parseRequirementsTxt } from '../../../../server/src/ecosystems/pypi/requirements-txt';
import { byName } from '../../../support/parse-results';
import { fixture } from './fixtures-folder';

describe('pypi: manifests', () => {
  describe('pyproject.toml: PEP 621, PEP 735 and uv', () => {
    const { path, text } = fixture('scenarios/pyproject-sections/pyproject.toml');
    const result = parsePyprojectToml(path, text);

    it('reads project info and uv workspace members', () => {
      assert.deepEqual(result.project, { name: 'kitchen-sink', version: '2.0.0', workspaces: ['packages/*', 'libs/local-lib'] });
    });

    it('sets version only for exact pins, and keeps the requirement as written', () => {
      const rows = result.packages.map((p) => [p.id, p.version, p.requirement]);
      assert.deepEqual(rows.slice(0, 3), [
        ['project:requests', '', '>=2.8.1, ==2.8.*'],
        ['project:django', '4.2.1', '==4.2.1'],
        ['project:attrs', '', ''],
      ]);
      assert.ok(result.packages.every((p) => p.direct));
    });

    it('resolves include-group transitively and warns about a missing group at its place', () => {
      assert.deepEqual(byName(result, 'coverage').groups, ['coverage', 'test', 'dev']);
      assert.deepEqual(byName(result, 'pytest').groups, ['test', 'dev']);
      assert.deepEqual(byName(result, 'ruff').groups, ['dev']);
      assert.equal(result.errors.length, 1);
      assert.equal(result.errors[0]!.severity, 'warning');
      assert.equal(result.errors[0]!.range.start.line, 24);
      assert.match(result.errors[0]!.message, /`missing` does not exist/);
    });

    it('groups extras as optional plus the extra name, uv dev-dependencies as dev', () => {
      assert.deepEqual(byName(result, 'pysocks').groups, ['optional', 'socks']);
      assert.deepEqual(byName(result, 'ipython').groups, ['dev']);
    });

    it('marks non-registry sources: direct URLs, [tool.uv.sources] git and workspace', () => {
      const zope = byName(result, 'zope-interface');
      assert.equal(zope.source, 'git');
      assert.equal(zope.commit, '0123456789abcdef0123456789abcdef01234567');
      assert.equal(byName(result, 'rich').source, 'git');
      assert.equal(byName(result, 'rich').resolved, 'https://github.com/Textualize/rich');
      assert.equal(byName(result, 'local-lib').source, 'workspace');
      assert.equal(byName(result, 'django').source, 'registry');
    });

    it('dynamic dependencies are not invented', () => {
      const dynamic = fixture('pyproject-toml/osv-scalibr/dynamic_deps.toml');
      assert.deepEqual(parsePyprojectToml(dynamic.path, dynamic.text).packages, []);
    });
  });

  describe('pyproject.toml: Poetry', () => {
    const { path, text } = fixture('scenarios/poetry-app/pyproject.toml');
    const result = parsePyprojectToml(path, text);

    it('reads every table form, one package per constraint of the array form', () => {
      assert.deepEqual(
        result.packages.map((p) => [p.id, p.source, p.version, p.requirement, p.groups]),
        [
          ['tool.poetry.dependencies:requests', 'registry', '', '^2.25', []],
          ['tool.poetry.dependencies:flask', 'registry', '2.0.1', '==2.0.1', []],
          ['tool.poetry.dependencies:numpy', 'registry', '', '<1.25', []],
          ['tool.poetry.dependencies:numpy#2', 'registry', '', '^1.26', []],
          ['tool.poetry.dependencies:mylib', 'path', '', '../mylib', []],
          ['tool.poetry.dependencies:tool-from-git', 'git', '', 'https://github.com/example/tool.git', []],
          ['tool.poetry.dependencies:pendulum', 'registry', '', '', []],
          ['tool.poetry.dependencies:boto3', 'registry', '1.34.0', '1.34.0', ['optional']],
          ['tool.poetry.dependencies:urllib3', 'registry', '', '>=1.26,<2', []],
          ['tool.poetry.dev-dependencies:black', 'registry', '24.3.0', '24.3.0', ['dev']],
          ['tool.poetry.group.test.dependencies:pytest', 'registry', '', '^8.0', ['test']],
        ],
      );
      assert.deepEqual(result.project, { name: 'poetry-app', version: '0.3.0' });
    });

    it('in a Poetry 2 project, tool.poetry.dependencies only adds detail to PEP 621 entries', () => {
      const text2 = '[project]\nname = "p"\ndependencies = ["mylib", "requests>=2"]\n\n[tool.poetry.dependencies]\nmylib = { path = "../mylib", develop = true }\n';
      const r = parsePyprojectToml('/p/pyproject.toml', text2);
      assert.deepEqual(r.packages.map((p) => [p.id, p.source]), [['project:mylib', 'path'], ['project:requests', 'registry']]);
    });
  });

  describe('Pipfile', () => {
    const { path, text } = fixture('scenarios/pipfile-app/Pipfile');
    const result = parsePipfile(path, text);
    it('reads packages, dev-packages and custom categories, skipping settings tables', () => {
      assert.deepEqual(
        result.packages.map((p) => [p.name, p.groups, p.source, p.version, p.requirement]),
        [
          ['requests', [], 'registry', '', '*'],
          ['django', [], 'registry', '4.2.1', '==4.2.1'],
          ['flask', [], 'registry', '', '>=2.0'],
          ['mylib', [], 'path', '', './mylib'],
          ['gitdep', [], 'git', '', 'https://github.com/example/gitdep.git'],
          ['records', [], 'registry', '', ''],
          ['pytest', ['dev'], 'registry', '', '>=7'],
          ['sphinx', ['docs'], 'registry', '', '~=7.2'],
        ],
      );
      assert.deepEqual(result.errors, []);
    });
  });

  describe('requirements files', () => {
    it('takes groups from the file name', () => {
      const table: Array<[string, string[]]> = [
        ['requirements.txt', []],
        ['requirements-dev.txt', ['dev']],
        ['dev-requirements.txt', ['dev']],
        ['requirements/dev.txt', ['dev']],
        ['requirements_test.txt', ['test']],
        ['requirements-docs.txt', ['docs']],
        ['requirements-devops.txt', []],
      ];
      for (const [file, groups] of table) assert.deepEqual(groupsForRequirementsFile(file), groups, file);
    });

    it('reads URL, path and editable requirements as non-registry packages, and skips `-e .`', () => {
      const text = [
        '-e .',
        '-e git+https://github.com/pallets/click.git@0123456789abcdef0123456789abcdef01234567#egg=click',
        '-e ./libs/no-name-here',
        'idna @ file:///wheels/idna-3.6-py3-none-any.whl',
        'https://example.com/dist/Flask-2.0.1.tar.gz',
        '--extra-index-url https://example.com/simple',
        '--trusted-host example.com',
      ].join('\n');
      const result = parseRequirementsTxt('/w/requirements.txt', text);
      assert.deepEqual(result.errors, []);
      assert.deepEqual(
        result.packages.map((p) => [p.name, p.source, p.version, p.commit ?? '']),
        [
          ['click', 'git', '', '0123456789abcdef0123456789abcdef01234567'],
          ['idna', 'path', '3.6', ''],
          ['flask', 'url', '2.0.1', ''],
        ],
      );
    });

    it('reads a pin, an arbitrary-equality pin and a pin with an exclusion as exact versions', () => {
      const result = parseRequirementsTxt('/w/requirements.txt', 'a==1.0\nb===2.0-custom\nc==3.0,!=3.1\nd==4.*\ne>=5\n');
      assert.deepEqual(result.packages.map((p) => p.version), ['1.0', '2.0-custom', '3.0', '', '']);
    });
  });
});
