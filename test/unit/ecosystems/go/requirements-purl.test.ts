import { strict as assert } from 'node:assert';
import { goPurl } from '../../../../server/src/ecosystems/go/purl';
import { goRequirements } from '../../../../server/src/ecosystems/go/requirements';
import type { VersionInterval } from '../../../../server/src/ecosystems/types';

describe('go requirement semantics', () => {
  const exact: Array<[string, string | undefined]> = [
    ['v1.2.3', '1.2.3'],
    ['v0.0.0-20210630005230-0f9fa26af87c', '0.0.0-20210630005230-0f9fa26af87c'],
    ['v20.10.7+incompatible', '20.10.7+incompatible'],
    ['go1.23.6-xyz', '1.23.6'],
    ['1.17', '1.17'],
    ['default', undefined],
    ['latest', undefined],
  ];
  for (const [req, want] of exact) it(`exact(${req}) = ${want}`, () => assert.equal(goRequirements.exact(req), want));

  const admits: Array<[string, VersionInterval, boolean | undefined]> = [
    ['v1.2.3', { introduced: '0', fixed: '1.2.4' }, true],
    ['v1.2.4', { introduced: '0', fixed: '1.2.4' }, false],
    ['v1.2.3', { introduced: '1.2.4' }, false],
    ['v1.2.3', { introduced: '1.0.0', lastAffected: '1.2.3' }, true],
    ['v0.0.0-20210630005230-0f9fa26af87c', { fixed: '0.0.0-20220412211240-33da011f77ad' }, true],
    ['1.17', { introduced: '1.17.0-0', fixed: '1.17.1' }, true],
    ['go1.21.3', { introduced: '1.21.0-0', fixed: '1.21.4' }, true],
    ['go1.21.4', { introduced: '1.21.0-0', fixed: '1.21.4' }, false],
    ['v20.10.7+incompatible', { fixed: '20.10.14+incompatible' }, true],
    ['latest', { fixed: '1.0.0' }, undefined],
  ];
  for (const [req, interval, want] of admits) {
    it(`admits(${req}, ${JSON.stringify(interval)}) = ${want}`, () => assert.equal(goRequirements.admits(req, interval), want));
  }
});

describe('go purl', () => {
  const rows: Array<[string, string, string]> = [
    ['github.com/gin-gonic/gin', '1.9.0', 'pkg:golang/github.com/gin-gonic/gin@v1.9.0'],
    ['github.com/BurntSushi/toml', '1.0.0', 'pkg:golang/github.com/burntsushi/toml@v1.0.0'],
    ['github.com/docker/docker', '20.10.7+incompatible', 'pkg:golang/github.com/docker/docker@v20.10.7%2Bincompatible'],
    ['stdlib', '1.21.3', 'pkg:golang/stdlib@v1.21.3'],
    ['example.com/local', '', 'pkg:golang/example.com/local'],
  ];
  for (const [name, version, want] of rows) it(want, () => assert.equal(goPurl(name, version), want));
});
