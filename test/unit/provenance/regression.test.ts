import assert from 'node:assert/strict';
import { previousVersion } from '../../../server/src/provenance/npm/previous-version';
import { detectRegression, sameRepository, type VersionProvenanceFacts } from '../../../server/src/provenance/regression';

const A = 'https://github.com/acme/widget';

describe('provenance/regression', () => {
  const rows: Array<{ name: string; current: VersionProvenanceFacts; previous?: VersionProvenanceFacts; want: string | undefined }> = [
    { name: 'N attested, N+1 not: dropped', current: { version: '1.3.0', hasProvenance: false }, previous: { version: '1.2.0', hasProvenance: true, repository: A }, want: 'provenance-dropped 1.2.0' },
    { name: 'neither attested', current: { version: '1.3.0', hasProvenance: false }, previous: { version: '1.2.0', hasProvenance: false }, want: undefined },
    { name: 'first version', current: { version: '1.0.0', hasProvenance: false }, want: undefined },
    { name: 'same repository', current: { version: '1.3.0', hasProvenance: true, repository: `git+${A}.git` }, previous: { version: '1.2.0', hasProvenance: true, repository: A }, want: undefined },
    { name: 'repository changed', current: { version: '1.3.0', hasProvenance: true, repository: 'https://github.com/evil/widget' }, previous: { version: '1.2.0', hasProvenance: true, repository: A }, want: 'source-changed 1.2.0' },
    { name: 'unknown previous repository is no accusation', current: { version: '1.3.0', hasProvenance: true, repository: A }, previous: { version: '1.2.0', hasProvenance: true }, want: undefined },
    { name: 'gaining provenance is fine', current: { version: '1.3.0', hasProvenance: true, repository: A }, previous: { version: '1.2.0', hasProvenance: false }, want: undefined },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const regression = detectRegression(row.current, row.previous);
      assert.equal(regression ? `${regression.kind} ${regression.previousVersion}` : undefined, row.want);
    });
  }

  it('compares repositories without URL noise', () => {
    assert.equal(sameRepository('git+https://github.com/Acme/Widget.git', 'https://github.com/acme/widget/'), true);
    assert.equal(sameRepository('git@github.com:acme/widget.git', 'https://github.com/acme/widget'), true);
    assert.equal(sameRepository('https://github.com/acme/widget', 'https://gitlab.com/acme/widget'), false);
  });
});

describe('provenance/npm previous version', () => {
  const versions = ['1.0.0', '1.1.0', '1.2.0-beta.1', '1.2.0', '2.0.0-rc.1', '2.0.0', '1.2.5', 'not-semver'];
  const rows: Array<[string, string | undefined]> = [
    ['2.0.0', '1.2.5'],
    ['1.2.5', '1.2.0'],
    ['1.2.0', '1.1.0'],
    ['2.0.0-rc.1', '1.2.5'],
    ['2.0.0-rc.2', '2.0.0-rc.1'],
    ['1.0.0', undefined],
    ['garbage', undefined],
  ];
  for (const [current, want] of rows) it(`before ${current}: ${want ?? 'none'}`, () => assert.equal(previousVersion(current, versions), want));
});
