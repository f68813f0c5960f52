import assert from 'node:assert/strict';
import { PYPI_PARSERS } from '../../../../server/src/ecosystems/pypi';
import { pypiFixes } from '../../../../server/src/ecosystems/pypi/fix-writer';
import { arrayAt, parseTomlDocument, stringAt } from '../../../../server/src/core/toml-document';
import { applyEdits } from '../../../../server/src/core/edits';
import { fixture } from './fixtures-folder';

const PARSER_FOR: Record<string, string> = { 'requirements.txt': 'pypi/requirements-txt', 'pyproject.toml': 'pypi/pyproject-toml', Pipfile: 'pypi/pipfile' };

function upgrade(file: string, text: string, name: string, version: string, nth = 0) {
  const path = `/w/${file}`;
  const result = PYPI_PARSERS[PARSER_FOR[file]!]!(path, text);
  const pkg = result.packages.filter((p) => p.name === name)[nth];
  assert.ok(pkg, `no ${name}`);
  const edits = pypiFixes.upgrade({ path, text, result }, pkg, version);
  return { edits, pkg, path };
}

/** The upgrade writes `after`, and the file read again declares the new requirement at the same entry. */
interface Row {
  name: string;
  file: 'requirements.txt' | 'pyproject.toml' | 'Pipfile';
  before: string;
  pkg: string;
  nth?: number;
  fixed: string;
  after: string;
  requirement: string;
}

const rows: Row[] = [
  // requirements files
  { name: 'pin', file: 'requirements.txt', before: 'requests==2.19.0\n', pkg: 'requests', fixed: '2.20.0', after: 'requests==2.20.0\n', requirement: '==2.20.0' },
  { name: 'spaced lower bound with marker', file: 'requirements.txt', before: 'requests >= 2.0 ; python_version < "3.8"\n', pkg: 'requests', fixed: '2.20.0', after: 'requests >= 2.20.0 ; python_version < "3.8"\n', requirement: '>= 2.20.0' },
  { name: 'compatible release', file: 'requirements.txt', before: 'Mopidy-Dirble ~= 1.1        # comment\n', pkg: 'mopidy-dirble', fixed: '1.2', after: 'Mopidy-Dirble ~= 1.2        # comment\n', requirement: '~= 1.2' },
  { name: 'compatible release, fix with more digits', file: 'requirements.txt', before: 'attrs~=21.2\n', pkg: 'attrs', fixed: '21.4.1', after: 'attrs>=21.4.1,~=21.4\n', requirement: '>=21.4.1,~=21.4' },
  { name: 'bare name', file: 'requirements.txt', before: 'flask\n', pkg: 'flask', fixed: '2.2.5', after: 'flask>=2.2.5\n', requirement: '>=2.2.5' },
  { name: 'bare name with extras', file: 'requirements.txt', before: 'requests[security]; python_version < "3.8"\n', pkg: 'requests', fixed: '2.20.0', after: 'requests[security]>=2.20.0; python_version < "3.8"\n', requirement: '>=2.20.0' },
  { name: 'compound range crossing its cap', file: 'requirements.txt', before: 'django>=3.2,<4.0\n', pkg: 'django', fixed: '4.2.11', after: 'django>=4.2.11,<5.0\n', requirement: '>=4.2.11,<5.0' },
  { name: 'exclusions and wildcards', file: 'requirements.txt', before: 'urllib3 !=1.25.0, ==1.25.*\n', pkg: 'urllib3', fixed: '1.25.9', after: 'urllib3 >=1.25.9, ==1.25.*\n', requirement: '>=1.25.9, ==1.25.*' },
  {
    name: 'hashes on continuation lines are removed',
    file: 'requirements.txt',
    before: 'FooProject == 1.2 \\\n  --hash=sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824 \\\n  --hash=sha256:486ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a7\nsix==1.16.0\n',
    pkg: 'fooproject',
    fixed: '1.2.1',
    after: 'FooProject == 1.2.1\nsix==1.16.0\n',
    requirement: '== 1.2.1',
  },
  {
    name: 'hashes go, other options stay',
    file: 'requirements.txt',
    before: 'boto3==1.26.121 --hash=sha256:f87d --global-option=x --hash sha256:abcd\n',
    pkg: 'boto3',
    fixed: '1.26.200',
    after: 'boto3==1.26.200 --global-option=x\n',
    requirement: '==1.26.200',
  },
  { name: 'continuation inside the specifier', file: 'requirements.txt', before: 'qwerty \\\n  == 0.1\n', pkg: 'qwerty', fixed: '0.2', after: 'qwerty \\\n  == 0.2\n', requirement: '== 0.2' },
  // pyproject.toml: PEP 508 strings
  { name: 'PEP 621 with escaped marker', file: 'pyproject.toml', before: '[project]\ndependencies = [\n  "requests>=2.0; python_version < \\"3.8\\"",\n]\n', pkg: 'requests', fixed: '2.20.0', after: '[project]\ndependencies = [\n  "requests>=2.20.0; python_version < \\"3.8\\"",\n]\n', requirement: '>=2.20.0' },
  { name: 'PEP 621 bare name', file: 'pyproject.toml', before: "[project]\ndependencies = ['attrs']\n", pkg: 'attrs', fixed: '23.1.0', after: "[project]\ndependencies = ['attrs>=23.1.0']\n", requirement: '>=23.1.0' },
  { name: 'PEP 621 extras without specifier', file: 'pyproject.toml', before: '[project]\ndependencies = ["requests[socks]"]\n', pkg: 'requests', fixed: '2.31.0', after: '[project]\ndependencies = ["requests[socks]>=2.31.0"]\n', requirement: '>=2.31.0' },
  { name: 'PEP 735 group', file: 'pyproject.toml', before: '[dependency-groups]\ntest = ["coverage[toml]==7.5.0"]\n', pkg: 'coverage', fixed: '7.5.1', after: '[dependency-groups]\ntest = ["coverage[toml]==7.5.1"]\n', requirement: '==7.5.1' },
  // pyproject.toml: Poetry
  { name: 'Poetry caret', file: 'pyproject.toml', before: '[tool.poetry.dependencies]\nrequests = "^2.25"\n', pkg: 'requests', fixed: '2.31.0', after: '[tool.poetry.dependencies]\nrequests = "^2.31.0"\n', requirement: '^2.31.0' },
  { name: 'Poetry bare pin', file: 'pyproject.toml', before: '[tool.poetry.dev-dependencies]\nblack = "24.3.0"\n', pkg: 'black', fixed: '24.3.1', after: '[tool.poetry.dev-dependencies]\nblack = "24.3.1"\n', requirement: '24.3.1' },
  { name: 'Poetry inline table', file: 'pyproject.toml', before: '[tool.poetry.dependencies]\nFlask = { version = "==2.0.1", extras = ["async"] }\n', pkg: 'flask', fixed: '2.2.5', after: '[tool.poetry.dependencies]\nFlask = { version = "==2.2.5", extras = ["async"] }\n', requirement: '==2.2.5' },
  { name: 'Poetry standard table', file: 'pyproject.toml', before: '[tool.poetry.dependencies.urllib3]\nversion = ">=1.26,<2"\n', pkg: 'urllib3', fixed: '1.26.18', after: '[tool.poetry.dependencies.urllib3]\nversion = ">=1.26.18,<2"\n', requirement: '>=1.26.18,<2' },
  { name: 'Poetry table without version', file: 'pyproject.toml', before: '[tool.poetry.dependencies]\npendulum = { extras = ["test"] }\n', pkg: 'pendulum', fixed: '3.0.0', after: '[tool.poetry.dependencies]\npendulum = { version = ">=3.0.0", extras = ["test"] }\n', requirement: '>=3.0.0' },
  { name: 'Poetry array form, second constraint', file: 'pyproject.toml', before: '[tool.poetry.dependencies]\nnumpy = [\n  { version = "<1.25", python = "<3.9" },\n  { version = "^1.26", python = ">=3.9" },\n]\n', pkg: 'numpy', nth: 1, fixed: '1.26.4', after: '[tool.poetry.dependencies]\nnumpy = [\n  { version = "<1.25", python = "<3.9" },\n  { version = "^1.26.4", python = ">=3.9" },\n]\n', requirement: '^1.26.4' },
  { name: 'Poetry alternatives', file: 'pyproject.toml', before: '[tool.poetry.dependencies]\nvirtualenv = "(>=20.4.3,<20.4.5 || >=20.4.7)"\n', pkg: 'virtualenv', fixed: '20.4.8', after: '[tool.poetry.dependencies]\nvirtualenv = ">=20.4.8"\n', requirement: '>=20.4.8' },
  // Pipfile
  { name: 'Pipfile star', file: 'Pipfile', before: '[packages]\nrequests = "*"\n', pkg: 'requests', fixed: '2.31.0', after: '[packages]\nrequests = ">=2.31.0"\n', requirement: '>=2.31.0' },
  { name: 'Pipfile pin', file: 'Pipfile', before: '[packages]\ndjango = "==4.2.1"\n', pkg: 'django', fixed: '4.2.11', after: '[packages]\ndjango = "==4.2.11"\n', requirement: '==4.2.11' },
  { name: 'Pipfile table', file: 'Pipfile', before: '[dev-packages]\nflask = {version = ">=2.0", extras = ["async"]}\n', pkg: 'flask', fixed: '2.2.5', after: '[dev-packages]\nflask = {version = ">=2.2.5", extras = ["async"]}\n', requirement: '>=2.2.5' },
  { name: 'Pipfile table without version', file: 'Pipfile', before: '[packages]\nrecords = {extras = ["pandas"]}\n', pkg: 'records', fixed: '0.6.0', after: '[packages]\nrecords = {version = ">=0.6.0", extras = ["pandas"]}\n', requirement: '>=0.6.0' },
];

describe('pypi: upgrade fixes', () => {
  for (const row of rows) {
    it(`${row.file}: ${row.name}`, () => {
      const { edits, pkg, path } = upgrade(row.file, row.before, row.pkg, row.fixed, row.nth);
      assert.ok(edits, 'a fix is offered');
      const after = applyEdits(row.before, edits);
      assert.equal(after, row.after);
      const reparsed = PYPI_PARSERS[PARSER_FOR[row.file]!]!(path, after);
      assert.deepEqual(reparsed.errors, []);
      const again = reparsed.packages.find((p) => p.id === pkg.id);
      assert.equal(again?.requirement, row.requirement);
    });
  }

  it('offers no edit where this file does not decide the version', () => {
    const cases: Array<[string, string, string, string]> = [
      ['requirements.txt', '-r base.txt\n', 'six', 'included file: fixed where it is declared'],
      ['requirements.txt', 'flask @ https://example.com/flask-2.0.0.tar.gz\n', 'flask', 'URL requirement'],
      ['pyproject.toml', '[tool.poetry.dependencies]\nmylib = { path = "../mylib" }\n', 'mylib', 'path dependency'],
    ];
    for (const [file, text, name, why] of cases) {
      const path = `/w/${file}`;
      const result = PYPI_PARSERS[PARSER_FOR[file]!]!(path, text, { readFile: () => 'six==1.0\n' });
      const pkg = result.packages.find((p) => p.name === name);
      assert.ok(pkg, why);
      assert.equal(pypiFixes.upgrade({ path, text, result }, pkg, '9.9.9'), undefined, why);
    }
  });

  it('offers no edit for a version pinned by a constraints file', () => {
    const text = '-c constraints.txt\ngunicorn\n';
    const path = '/w/requirements.txt';
    const result = PYPI_PARSERS['pypi/requirements-txt']!(path, text, { readFile: () => 'gunicorn==20.0.0\n' });
    const pkg = result.packages.find((p) => p.name === 'gunicorn')!;
    assert.equal(pkg.version, '20.0.0');
    assert.equal(pypiFixes.upgrade({ path, text, result }, pkg, '22.0.0'), undefined);
  });
});

describe('pypi: transitive overrides', () => {
  function override(file: string, text: string, name: string, version: string, lockfile: string | undefined) {
    const path = `/w/${file}`;
    const result = PYPI_PARSERS[PARSER_FOR[file]!]!(path, text);
    const fix = pypiFixes.override!({ path, text, result }, name, version, lockfile);
    assert.ok(fix);
    const after = applyEdits(text, fix.edits);
    return { fix, after };
  }

  function toml(text: string) {
    const doc = parseTomlDocument(text, 'pyproject.toml');
    assert.ok(doc.ok, doc.ok ? '' : doc.error.message);
    return doc.root;
  }

  it('uv: adds [tool.uv] constraint-dependencies, next to existing uv tables', () => {
    const { path, text } = fixture('scenarios/uv-workspace/pyproject.toml');
    const result = PYPI_PARSERS['pypi/pyproject-toml']!(path, text);
    const fix = pypiFixes.override!({ path, text, result }, 'Sniffio', '1.3.2', 'pypi/uv-lock')!;
    assert.deepEqual(fix.command, { command: 'uv', args: ['lock'] });
    assert.match(fix.title, /constraint-dependencies/);
    const after = applyEdits(text, fix.edits);
    assert.ok(after.startsWith(text), 'appended, nothing else touched');
    assert.deepEqual(arrayAt(toml(after), 'tool', 'uv', 'constraint-dependencies')?.items.map((i) => (i.kind === 'string' ? i.value : '')), ['sniffio>=1.3.2']);
  });

  it('uv: appends to an existing multi-line constraint list, or updates the entry for the same name', () => {
    const before = '[tool.uv]\nconstraint-dependencies = [\n    "idna>=3.7",\n]\n';
    assert.equal(override('pyproject.toml', before, 'anyio', '4.4.0', 'pypi/uv-lock').after, '[tool.uv]\nconstraint-dependencies = [\n    "idna>=3.7",\n    "anyio>=4.4.0",\n]\n');
    assert.equal(override('pyproject.toml', before, 'IDNA', '3.8', 'pypi/uv-lock').after, '[tool.uv]\nconstraint-dependencies = [\n    "idna>=3.8",\n]\n');
    assert.equal(override('pyproject.toml', '[tool.uv]\npackage = false\n', 'idna', '3.8', 'pypi/uv-lock').after, '[tool.uv]\npackage = false\nconstraint-dependencies = ["idna>=3.8"]\n');
  });

  it('Poetry: adds a direct `>=fixed` dependency at the end of [tool.poetry.dependencies]', () => {
    const { path, text } = fixture('realworld/poetry-2021-poetry-lock/pyproject.toml');
    const result = PYPI_PARSERS['pypi/pyproject-toml']!(path, text);
    const fix = pypiFixes.override!({ path, text, result }, 'cryptography', '41.0.0', 'pypi/poetry-lock')!;
    assert.deepEqual(fix.command, { command: 'poetry', args: ['lock'] });
    const after = applyEdits(text, fix.edits);
    assert.ok(after.includes('virtualenv = "(>=20.4.3,<20.4.5 || >=20.4.7)"\ncryptography = ">=41.0.0"\n'));
    assert.equal(stringAt(toml(after), 'tool', 'poetry', 'dependencies', 'cryptography')?.value, '>=41.0.0');
  });

  it('Poetry 2 with PEP 621 dependencies: adds to [project] dependencies', () => {
    const before = '[project]\nname = "p"\ndependencies = [\n  "requests>=2",\n]\n\n[tool.poetry]\npackage-mode = false\n';
    const { after } = override('pyproject.toml', before, 'urllib3', '2.2.2', 'pypi/poetry-lock');
    assert.equal(after, '[project]\nname = "p"\ndependencies = [\n  "requests>=2",\n  "urllib3>=2.2.2",\n]\n\n[tool.poetry]\npackage-mode = false\n');
  });

  it('PDM: [tool.pdm.resolution.overrides]', () => {
    const { fix, after } = override('pyproject.toml', '[project]\nname = "p"\n', 'urllib3', '2.2.2', 'pypi/pdm-lock');
    assert.deepEqual(fix.command, { command: 'pdm', args: ['lock', '--update-reuse'] });
    assert.equal(after, '[project]\nname = "p"\n\n[tool.pdm.resolution.overrides]\nurllib3 = ">=2.2.2"\n');
  });

  it('pipenv: a [packages] entry; pip: a line in the requirements file', () => {
    const pipenv = override('Pipfile', '[packages]\nrequests = "*"\n\n[dev-packages]\npytest = "*"\n', 'urllib3', '2.2.2', 'pypi/pipfile-lock');
    assert.equal(pipenv.after, '[packages]\nrequests = "*"\nurllib3 = ">=2.2.2"\n\n[dev-packages]\npytest = "*"\n');
    assert.deepEqual(pipenv.fix.command, { command: 'pipenv', args: ['lock'] });
    assert.equal(override('requirements.txt', 'requests==2.31.0', 'urllib3', '2.2.2', undefined).after, 'requests==2.31.0\nurllib3>=2.2.2\n');
  });

  it('without a lockfile, follows the tool the pyproject configures; pylock.toml has no mechanism', () => {
    assert.match(override('pyproject.toml', '[tool.poetry.dependencies]\nrequests = "^2"\n', 'idna', '3.7', undefined).fix.title, /direct dependency/);
    const path = '/w/pyproject.toml';
    const text = '[project]\nname = "p"\n';
    const result = PYPI_PARSERS['pypi/pyproject-toml']!(path, text);
    assert.equal(pypiFixes.override!({ path, text, result }, 'idna', '3.7', 'pypi/pylock-toml'), undefined);
  });
});
