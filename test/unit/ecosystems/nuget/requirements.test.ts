import { strict as assert } from 'node:assert';
import { nugetRequirements } from '../../../../server/src/ecosystems/nuget/requirements';
import type { VersionInterval } from '../../../../server/src/ecosystems/types';

describe('nuget requirements', () => {
  const exactRows: Array<[string, string | undefined]> = [
    // NuGet resolves the lowest applicable version: a bare version is what gets restored.
    ['13.0.1', '13.0.1'],
    ['[13.0.1]', '13.0.1'],
    ['1.0.0-beta.2', '1.0.0-beta.2'],
    ['[13.0.1, )', undefined],
    ['[1.0,2.0)', undefined],
    ['13.*', undefined],
    ['$(Version)', undefined],
    ['', undefined],
  ];
  for (const [requirement, want] of exactRows) {
    it(`exact(${JSON.stringify(requirement)}) is ${want}`, () => assert.equal(nugetRequirements.exact(requirement), want));
  }

  const affected: VersionInterval = { introduced: '0', fixed: '13.0.1' };
  const admitsRows: Array<[string, boolean | undefined]> = [
    ['12.0.3', true],
    ['13.0.1', false],
    ['[12.0.3]', true],
    ['[13.0.1]', false],
    ['[12.0, 13.0)', true],
    ['[13.0.1, 14.0)', false],
    ['(,13.0.1)', true],
    ['(13.0.1,)', false],
    ['12.*', true],
    ['13.0.*', true],
    ['14.*', false],
    ['*', true],
    ['$(Unknown)', undefined],
  ];
  for (const [requirement, want] of admitsRows) {
    it(`admits(${JSON.stringify(requirement)}, < 13.0.1) is ${want}`, () => assert.equal(nugetRequirements.admits(requirement, affected), want));
  }
});
