import * as assert from 'node:assert/strict';
import { versionsAdmit } from '../../../server/src/vex/vers';

/**
 * The `vers:` examples CycloneDX's schema gives for `affects[].versions[].range` (bom-1.6), and the
 * versions a package could be at.
 */
const ROWS: Array<{ versions: string[]; type: string; admitted: string[]; refused: string[] }> = [
  { versions: ['vers:npm/1.2.3|>=2.0.0|<5.0.0'], type: 'npm', admitted: ['1.2.3', '2.0.0', '4.99.0', '3.0.0-beta.1'], refused: ['1.2.4', '5.0.0', '0.9.0'] },
  { versions: ['vers:pypi/0.0.0|0.0.1|0.0.2|0.0.3|1.0|2.0pre1'], type: 'pypi', admitted: ['1.0', '1.0.0', '2.0pre1', '0.0.2'], refused: ['1.1', '2.0'] },
  { versions: ['vers:gem/>=2.2.0|!= 2.2.1|<2.3.0'], type: 'gem', admitted: ['2.2.0', '2.2.2'], refused: ['2.2.1', '2.3.0', '2.1.9'] },
  { versions: ['vers:cargo/9.0.14'], type: 'cargo', admitted: ['9.0.14'], refused: ['9.0.15'] },
  { versions: ['vers:npm/*'], type: 'npm', admitted: ['0.0.1', '99.0.0'], refused: [] },
  { versions: ['vers:npm/!=1.0.0'], type: 'npm', admitted: ['1.0.1'], refused: ['1.0.0'] },
  { versions: ['vers:maven/>=2.0|<=2.9.10.7'], type: 'maven', admitted: ['2.9.10.7', '2.9.10', '2.0'], refused: ['2.9.10.8', '2.10.0', '1.9'] },
  // Schemes with no version order here (tomee, generic): nothing can be said, so nothing is admitted.
  { versions: ['vers:tomee/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7'], type: 'maven', admitted: [], refused: ['1.5.0', '7.0.1'] },
  { versions: ['vers:generic/>=2.9|<=4.1'], type: 'npm', admitted: [], refused: ['3.0.0'] },
  // Exact versions, as CycloneDX `version` entries: compared in the package's ecosystem order.
  { versions: ['2.4', '2.6'], type: 'pypi', admitted: ['2.4', '2.4.0', '2.6'], refused: ['2.5'] },
  { versions: ['1.0.0', 'vers:npm/>=2.0.0'], type: 'npm', admitted: ['1.0.0', '2.1.0'], refused: ['1.5.0'] },
];

describe('VEX product versions (exact and vers: ranges)', () => {
  for (const row of ROWS) {
    it(`${row.versions.join(' ')}`, () => {
      for (const v of row.admitted) assert.equal(versionsAdmit(row.versions, v, row.type), true, `${v} admitted`);
      for (const v of row.refused) assert.equal(versionsAdmit(row.versions, v, row.type), false, `${v} refused`);
    });
  }
});
