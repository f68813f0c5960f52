import { strict as assert } from 'node:assert';
import { bumpGemVersion } from '../../../../server/src/ecosystems/rubygems/gem-requirement';
import { rubygemsRequirements } from '../../../../server/src/ecosystems/rubygems/requirements';
import type { VersionInterval } from '../../../../server/src/ecosystems/types';

describe('rubygems requirements', () => {
  const exactRows: Array<[string, string | undefined]> = [
    ['1.2.3', '1.2.3'],
    ['= 1.2.3', '1.2.3'],
    ['=1.2.3', '1.2.3'],
    ['~> 1.2', undefined],
    ['>= 1.0, < 2', undefined],
    ['= 1.0, != 1.0.1', undefined],
    ['', undefined],
    ['not a version', undefined],
  ];
  for (const [requirement, want] of exactRows) {
    it(`exact(${JSON.stringify(requirement)}) is ${want}`, () => assert.equal(rubygemsRequirements.exact(requirement), want));
  }

  const bumpRows: Array<[string, string]> = [
    ['2.1.3', '2.2'],
    ['2.1', '3'],
    ['2', '3'],
    ['1.0.0.rc1', '1.1'],
    ['5.2.0', '5.3'],
  ];
  for (const [version, want] of bumpRows) {
    it(`~> ${version} stops below ${want}`, () => assert.equal(bumpGemVersion(version), want));
  }

  const affected: VersionInterval = { introduced: '7.0.0', fixed: '7.0.4.3' };
  const admitsRows: Array<[string, VersionInterval, boolean | undefined]> = [
    ['~> 7.0.4', affected, true],
    ['~> 7.0.4, >= 7.0.4.3', affected, false],
    ['~> 6.1', affected, false],
    ['>= 6.0', affected, true],
    ['< 7.0', affected, false],
    ['= 7.0.4.3', affected, false],
    ['7.0.2', affected, true],
    ['!= 7.0.2', affected, true],
    ['>= 7.0.1, != 7.0.1', { introduced: '7.0.1', lastAffected: '7.0.1' }, false],
    ['', affected, true],
    ['~> nonsense', affected, undefined],
  ];
  for (const [requirement, interval, want] of admitsRows) {
    it(`admits(${JSON.stringify(requirement)}, ${JSON.stringify(interval)}) is ${want}`, () => assert.equal(rubygemsRequirements.admits(requirement, interval), want));
  }
});
