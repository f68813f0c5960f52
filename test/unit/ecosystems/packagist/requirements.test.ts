import { strict as assert } from 'node:assert';
import { packagistRequirements } from '../../../../server/src/ecosystems/packagist/requirements';
import type { VersionInterval } from '../../../../server/src/ecosystems/types';

describe('packagist requirements', () => {
  const exactRows: Array<[string, string | undefined]> = [
    ['1.2.3', '1.2.3'],
    ['v1.2.3', '1.2.3'],
    ['=1.2.3', '1.2.3'],
    ['== 1.2.3', '1.2.3'],
    ['1.2.3@beta', '1.2.3'],
    ['2.0.0-RC1', '2.0.0-RC1'],
    ['^1.2', undefined],
    ['~1.2.3', undefined],
    ['1.2.*', undefined],
    ['dev-main', undefined],
    ['*', undefined],
  ];
  for (const [constraint, want] of exactRows) {
    it(`exact(${JSON.stringify(constraint)}) is ${want}`, () => assert.equal(packagistRequirements.exact(constraint), want));
  }

  const affected: VersionInterval = { introduced: '9.0.0', fixed: '9.52.16' };
  const admitsRows: Array<[string, boolean | undefined]> = [
    ['^9.19', true],
    ['^9.52.16', false],
    ['^10.0', false],
    ['^8.0', false],
    ['~9.52.0', true],
    ['~9.53', false],
    ['9.*', true],
    ['9.53.*', false],
    ['>=9.52.16 <10', false],
    ['>=9.0 <9.1', true],
    ['>=9.0,<9.1', true],
    ['>= 9.0, < 9.1', true],
    ['^8.0 || ^9.0', true],
    ['^8.0 | ^10.0', false],
    ['9.0 - 9.52.15', true],
    ['9.52.16 - 10.0', false],
    ['9.50.0', true],
    ['v9.52.16', false],
    ['^9.19@dev', true],
    ['*', true],
    ['!=9.1.0', true],
    ['dev-main', undefined],
    ['1.x-dev', undefined],
  ];
  for (const [constraint, want] of admitsRows) {
    it(`admits(${JSON.stringify(constraint)}, [9.0.0, 9.52.16)) is ${want}`, () => assert.equal(packagistRequirements.admits(constraint, affected), want));
  }

  it('treats ^0.x as the minor series and excludes pre-releases of the next major', () => {
    assert.equal(packagistRequirements.admits('^0.3.0', { introduced: '0.4.0', fixed: '0.4.2' }), false);
    assert.equal(packagistRequirements.admits('^0.3.0', { introduced: '0.3.5', fixed: '0.3.6' }), true);
    assert.equal(packagistRequirements.admits('^1.2', { introduced: '2.0.0-beta1', fixed: '2.0.0' }), false);
  });
});
