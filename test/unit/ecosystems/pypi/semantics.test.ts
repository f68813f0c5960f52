import assert from 'node:assert/strict';
import type { VersionInterval } from '../../../../server/src/ecosystems/types';
import { normalizePypiName, pypiPurl } from '../../../../server/src/ecosystems/pypi/names';
import { pypiRequirements } from '../../../../server/src/ecosystems/pypi/requirement-semantics';
import { rewriteForFix } from '../../../../server/src/ecosystems/pypi/specifier-rewrite';

describe('pypi: requirement semantics', () => {
  const exact: Array<[string, string | undefined]> = [
    ['==1.2.3', '1.2.3'],
    ['== 1.2.3', '1.2.3'],
    ['===1.0-custom', '1.0-custom'],
    ['1.2.3', '1.2.3'], // Poetry: a bare version is exact
    ['==1.2.3,!=1.2.4', '1.2.3'],
    ['==1.2.3,>=2', undefined], // contradictory: admits nothing
    ['==1.2.*', undefined],
    ['>=1.2.3', undefined],
    ['~=1.2', undefined],
    ['^1.2', undefined],
    ['*', undefined],
    ['', undefined],
    ['==1.0 || ==2.0', undefined],
  ];
  for (const [requirement, want] of exact) {
    it(`exact(${JSON.stringify(requirement)}) = ${want}`, () => assert.equal(pypiRequirements.exact(requirement), want));
  }

  const i = (introduced: string | undefined, fixed?: string, lastAffected?: string): VersionInterval => ({
    ...(introduced !== undefined ? { introduced } : {}),
    ...(fixed ? { fixed } : {}),
    ...(lastAffected ? { lastAffected } : {}),
  });
  const admits: Array<[string, VersionInterval, boolean | undefined]> = [
    // PEP 440
    ['==2.0.0', i('0', '2.0.1'), true],
    ['==2.0.1', i('0', '2.0.1'), false],
    ['>=2.0.1', i('0', '2.0.1'), false],
    ['>=2.0', i('0', '2.0.1'), true],
    ['>2.0', i('0', '2.0'), false],
    ['<2.0', i('2.0', '3.0'), false],
    ['<=2.0', i('2.0', '3.0'), true],
    ['~=2.2', i('3.0'), false], // ~=2.2 is >=2.2, ==2.*
    ['~=2.2', i('2.5', '2.6'), true],
    ['~=1.4.5', i('1.5.0'), false],
    ['==2.8.*', i('2.8.5', '2.8.6'), true],
    ['==2.8.*', i('2.9.0'), false],
    ['!=2.0.0', i('2.0.0', undefined, '2.0.0'), false],
    ['!=2.0.0', i('2.0.0', '2.1.0'), true],
    ['>=1.0,!=1.5.*,<2', i('1.5.0', '1.6.0'), false],
    ['', i('0', '1.0'), true],
    ['*', i('1.0'), true],
    // Poetry
    ['^2.0', i('3.0.0'), false],
    ['^2.0', i('2.5.0', '2.5.1'), true],
    ['^0.2.3', i('0.3.0'), false],
    ['^0.0.3', i('0.0.4'), false],
    ['~1.2', i('1.3.0'), false],
    ['~1.2', i('1.2.9', '1.2.10'), true],
    ['~1', i('1.9', '1.9.1'), true],
    ['1.2.*', i('1.3.0'), false],
    ['>=1.2 <1.5', i('1.5.0'), false],
    ['(>=20.4.3,<20.4.5 || >=20.4.7)', i('20.4.5', '20.4.7'), false],
    ['(>=20.4.3,<20.4.5 || >=20.4.7)', i('20.4.0', '20.4.4'), true],
    // last_affected is inclusive
    ['>=1.0.1', i('0', undefined, '1.0.0'), false],
    ['>=1.0.0', i('0', undefined, '1.0.0'), true],
    // epochs and pre-releases order as PEP 440 says
    ['>=1!1.0', i('0', '2.0'), false],
    ['>=2.0.0rc1', i('0', '2.0.0'), true],
    // unreadable → cannot tell
    ['>=banana', i('0', '1.0'), undefined],
    ['git+https://github.com/x/y', i('0', '1.0'), undefined],
    ['>=1.0', i('0', 'not-a-version'), undefined],
  ];
  for (const [requirement, interval, want] of admits) {
    it(`admits(${JSON.stringify(requirement)}, ${JSON.stringify(interval)}) = ${want}`, () => assert.equal(pypiRequirements.admits(requirement, interval), want));
  }
});

describe('pypi: rewriting a requirement to a fixed version', () => {
  const rows: Array<[string, string, string]> = [
    ['==1.0', '1.2.1', '==1.2.1'],
    ['== 1.0', '1.2.1', '== 1.2.1'],
    ['===1.0', '1.1', '===1.1'],
    ['>=1.0', '1.2.1', '>=1.2.1'],
    ['>1.0', '1.2.1', '>=1.2.1'],
    ['~=1.0', '1.2', '~=1.2'],
    ['~=1.0', '1.2.0', '~=1.2'],
    ['~=1.0', '1.2.1', '>=1.2.1,~=1.2'],
    ['~=1.4.5', '1.5.2', '~=1.5.2'],
    ['>=1.0,<2.0', '1.2.1', '>=1.2.1,<2.0'],
    ['>=1.0,<2.0', '2.1.0', '>=2.1.0,<3.0'],
    ['>=1.0, <1.5', '1.6.2', '>=1.6.2, <1.7'],
    ['>=0.7.0,<1.0.0', '1.0.1', '>=1.0.1,<2.0.0'],
    ['<3', '1.2.1', '>=1.2.1,<3'],
    ['<=1.2.3', '1.3.0', '==1.3.0'],
    ['', '1.2.1', '>=1.2.1'],
    ['*', '1.2.1', '>=1.2.1'],
    ['!=1.5', '1.5.1', '>=1.5.1'],
    ['>=1.0,!=1.2.1', '1.2.1', '>=1.2.1'],
    ['>=1.0,!=1.3', '1.2.1', '>=1.2.1,!=1.3'],
    ['==2.8.*', '2.8.3', '>=2.8.3,==2.8.*'],
    ['==2.8.*', '2.9.0', '>=2.9.0,==2.9.*'],
    ['>= 2.8.1, == 2.8.*', '2.8.5', '>= 2.8.5, == 2.8.*'],
    ['^2.0', '2.31.0', '^2.31.0'],
    ['^0.2.3', '0.2.5', '^0.2.5'],
    ['~1.2', '1.2.5', '~1.2.5'],
    ['1.0', '1.2.1', '1.2.1'],
    ['>=1.0 <2.0', '1.5', '>=1.5 <2.0'],
    ['(>=20.4.3,<20.4.5 || >=20.4.7)', '20.4.8', '>=20.4.8'],
    ['(>=20.4.3,<20.4.5 || >=20.4.7)', '20.4.4', '(>=20.4.4,<20.4.5 || >=20.4.7)'],
    ['>=1,<2 || >=3', '3.1', '>=3.1'],
  ];
  for (const [requirement, fixed, want] of rows) {
    it(`${JSON.stringify(requirement)} → ${fixed}: ${JSON.stringify(want)}`, () => {
      const got = rewriteForFix(requirement, fixed);
      assert.equal(got, want);
      // What users rely on: the fix is admitted, nothing below it is.
      assert.equal(pypiRequirements.admits(got!, { introduced: '0', fixed }), false);
      assert.equal(pypiRequirements.admits(got!, { introduced: fixed, lastAffected: fixed }), true);
    });
  }

  it('declines what it cannot read', () => {
    assert.equal(rewriteForFix('>=banana', '1.0'), undefined);
    assert.equal(rewriteForFix('>=1.0', 'not-a-version'), undefined);
  });
});

describe('pypi: names and purls', () => {
  const names: Array<[string, string]> = [
    ['Django', 'django'],
    ['zope.interface', 'zope-interface'],
    ['backports.entry_points-selectable', 'backports-entry-points-selectable'],
    ['combination-._-.also_-._valid', 'combination-also-valid'],
  ];
  for (const [raw, want] of names) it(`normalises ${raw}`, () => assert.equal(normalizePypiName(raw), want));

  it('builds purl-spec purls', () => {
    assert.equal(pypiPurl('Django_Rest', '3.14.0'), 'pkg:pypi/django-rest@3.14.0');
    assert.equal(pypiPurl('torch', '2.3.0+cpu'), 'pkg:pypi/torch@2.3.0%2Bcpu');
    assert.equal(pypiPurl('epoch', '1!2.0'), 'pkg:pypi/epoch@1%212.0');
    assert.equal(pypiPurl('nover', ''), 'pkg:pypi/nover');
  });
});
