import { strict as assert } from 'node:assert';
import { mavenRequirements } from '../../../../server/src/ecosystems/maven/requirements';
import type { VersionInterval } from '../../../../server/src/ecosystems/types';

describe('maven requirements', () => {
  const exactRows: Array<[string, string | undefined]> = [
    ['1.2.3', '1.2.3'],
    ['4.1.42.Final', '4.1.42.Final'],
    ['[1.2.3]', '1.2.3'],
    ['[1.0,2.0)', undefined],
    ['[1.0,)', undefined],
    ['(,1.0],[1.2,)', undefined],
    ['1.+', undefined],
    ['latest.release', undefined],
    ['${unresolved}', undefined],
    ['', undefined],
  ];
  for (const [requirement, want] of exactRows) {
    it(`exact(${JSON.stringify(requirement)}) is ${want}`, () => assert.equal(mavenRequirements.exact(requirement), want));
  }

  const affected: VersionInterval = { introduced: '2.0.0', fixed: '2.15.0' };
  const admitsRows: Array<[string, VersionInterval, boolean | undefined]> = [
    ['2.14.1', affected, true],
    ['2.15.0', affected, false],
    ['1.2.17', affected, false],
    ['[2.10,2.12)', affected, true],
    ['[2.15,3.0)', affected, false],
    ['(,2.0.0)', affected, false],
    ['(,2.0.0]', affected, true],
    ['(,1.0],[2.16,)', affected, false],
    ['(,1.0],[2.14,)', affected, true],
    ['[2.15.0]', affected, false],
    // Gradle's Ivy notation: `]a,b[` excludes both ends.
    [']2.0.0,2.15.0[', affected, true],
    ['[2.15.0,3[', affected, false],
    ['2.+', affected, true],
    ['3.+', affected, false],
    ['1.2', { introduced: '0', lastAffected: '1.2' }, true],
    ['1.2.1', { introduced: '0', lastAffected: '1.2' }, false],
    ['latest.release', affected, undefined],
    ['not a [range', affected, undefined],
  ];
  for (const [requirement, interval, want] of admitsRows) {
    it(`admits(${requirement}, ${JSON.stringify(interval)}) is ${want}`, () => assert.equal(mavenRequirements.admits(requirement, interval), want));
  }
});
