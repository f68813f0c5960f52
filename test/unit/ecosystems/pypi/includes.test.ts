import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseRequirementsTxt } from '../../../../server/src/ecosystems/pypi/requirements-txt';
import { diskContext, memoryContext } from '../../../support/parse-contexts';
import { byName, slice } from '../../../support/parse-results';
import { PYPI_FIXTURES, fixture } from './fixtures-folder';

describe('pypi: requirements includes (-r, -c)', () => {
  describe('a real folder with includes, a constraints file, a missing file and a cycle', () => {
    const { path, text } = fixture('scenarios/requirements-includes/requirements.txt');
    const result = parseRequirementsTxt(path, text, diskContext());
    const folder = join(PYPI_FIXTURES, 'scenarios/requirements-includes');

    it('extracts the file itself and every included file once', () => {
      assert.deepEqual(
        result.packages.map((p) => [p.id, p.version]),
        [
          ['default:flask', ''],
          ['default:gunicorn', '21.2.0'],
          ['-r base.txt:requests', '2.31.0'],
          ['-r base.txt:urllib3', '1.26.18'],
          ['-r nested/extra.txt:idna', '3.6'],
        ],
      );
    });

    it('takes a version a constraints file pins, for requirements that do not pin one', () => {
      assert.equal(byName(result, 'gunicorn').requirement, '');
      assert.equal(byName(result, 'gunicorn').version, '21.2.0');
      assert.equal(byName(result, 'urllib3').requirement, '>=1.26');
      assert.equal(byName(result, 'urllib3').version, '1.26.18');
      assert.equal(byName(result, 'flask').version, '', 'no constraint for flask');
    });

    it('places included packages at the include that brings them in', () => {
      assert.equal(slice(text, byName(result, 'requests').versionRange), 'base.txt');
      assert.equal(byName(result, 'idna').versionRange?.start.line, 7);
    });

    it('warns at the include of a missing file, and keeps everything else', () => {
      assert.equal(result.errors.length, 1);
      const [warning] = result.errors;
      assert.equal(warning!.severity, 'warning');
      assert.equal(slice(text, warning!.range), 'missing.txt');
      assert.match(warning!.message, /could not read the requirements file missing\.txt/);
    });

    it('lists every file it read (or tried to) as inputs', () => {
      assert.deepEqual(result.inputs, ['base.txt', 'constraints.txt', 'missing.txt', 'nested/extra.txt'].map((f) => join(folder, f)));
    });
  });

  it('resolves includes relative to the including file', () => {
    const context = memoryContext({
      '/w/requirements.txt': '-r reqs/base.txt\n',
      '/w/reqs/base.txt': '-r common.txt\nsix==1.16.0\n',
      '/w/reqs/common.txt': 'idna==3.6\n',
    });
    const result = parseRequirementsTxt('/w/requirements.txt', '-r reqs/base.txt\n', context);
    assert.deepEqual(result.packages.map((p) => [p.id, p.version]), [
      ['-r reqs/common.txt:idna', '3.6'],
      ['-r reqs/base.txt:six', '1.16.0'],
    ]);
    assert.deepEqual(context.reads, ['/w/reqs/base.txt', '/w/reqs/common.txt']);
  });

  it('accepts every spelling of the include options', () => {
    const files: Record<string, string> = { '/w/a.txt': 'a==1\n', '/w/b.txt': 'b==1\n', '/w/c.txt': 'c==1\n', '/w/d.txt': 'd==1\n' };
    const text = '-r a.txt\n-rb.txt\n--requirement c.txt\n--requirement=d.txt\n';
    const result = parseRequirementsTxt('/w/requirements.txt', text, memoryContext(files));
    assert.deepEqual(result.packages.map((p) => p.name), ['a', 'b', 'c', 'd']);
  });

  it('ends include cycles: a file including itself, and two files including each other', () => {
    const self = fixture('requirements-txt/osv-scanner-v1.9.2/cyclic-r-self.txt');
    assert.deepEqual(parseRequirementsTxt(self.path, self.text, diskContext()).packages.map((p) => p.name), ['requests', 'pandas']);
    const loop = fixture('requirements-txt/osv-scalibr/loop.txt');
    const result = parseRequirementsTxt(loop.path, loop.text, diskContext());
    assert.deepEqual(result.packages, []);
    assert.deepEqual(result.errors, []);
  });

  it('a missing constraints file is a warning too', () => {
    const result = parseRequirementsTxt('/w/requirements.txt', 'flask\n-c pins.txt\n', memoryContext({}));
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0]!.range.start.line, 1);
    assert.match(result.errors[0]!.message, /constraints file pins\.txt/);
    assert.deepEqual(result.packages.map((p) => p.name), ['flask']);
  });

  it('does not fetch remote includes, and says so', () => {
    const result = parseRequirementsTxt('/w/requirements.txt', '-r https://example.com/reqs.txt\nsix\n', memoryContext({}));
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0]!.message, /remote file/);
  });

  it('a constraint that the requirement excludes does not become its version', () => {
    const context = memoryContext({ '/w/c.txt': 'flask==1.0\n' });
    const result = parseRequirementsTxt('/w/requirements.txt', '-c c.txt\nflask>=2\n', context);
    assert.equal(byName(result, 'flask').version, '');
  });
});
