import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import * as semver from 'semver';
import { npmScheme } from '../../../server/src/versions/npm';
import { compareText } from '../../../server/src/versions/scheme';
import { OrderRow, ParseRow, orderTable, parseTable } from './order-table';

const ORDER: OrderRow[] = [
  { name: 'numbers, not text', a: '1.10.0', op: '>', b: '1.9.0' },
  { name: '1.80 is not 1.8', a: '1.80.0', op: '>', b: '1.8.0' },
  { name: 'pre-release below release', a: '2.0.0-rc.1', op: '<', b: '2.0.0' },
  { name: 'pre-release above the previous release', a: '2.0.0-rc.1', op: '>', b: '1.99.99' },
  { name: 'numeric identifiers by value', a: '1.0.0-beta.11', op: '>', b: '1.0.0-beta.2' },
  { name: 'build metadata never orders', a: '1.0.0+a', op: '=', b: '1.0.0+b' },
  { name: 'loose: leading v', a: 'v1.2.3', op: '=', b: '1.2.3' },
  { name: 'loose: leading =', a: '=1.2.3', op: '=', b: '1.2.3' },
  { name: 'loose: pre-release without a hyphen', a: '1.2.3beta', op: '=', b: '1.2.3-beta' },
  { name: 'OSV range bound 1.0 (node-fetch) is 1.0.0', a: '1.0', op: '=', b: '1.0.0' },
  { name: 'OSV introduced 0', a: '0', op: '<', b: '0.0.1' },
  { name: 'real advisory bound', a: '1.4.44-liberty-2', op: '<', b: '1.4.44' },
];

const PARSE: ParseRow[] = [
  { name: 'lockfile version', text: '4.17.21', valid: true },
  { name: 'five parts', text: '1.1.3.4.5', valid: false },
  { name: 'above Number.MAX_SAFE_INTEGER', text: '9007199254740992.0.0', valid: false },
  { name: 'a dist-tag', text: 'latest', valid: false },
  { name: 'a range', text: '^1.2.3', valid: false },
  { name: 'an x-range', text: '1.2.x', valid: false },
  { name: 'a git URL', text: 'git+https://github.com/a/b.git', valid: false },
  { name: 'a partial version with a pre-release', text: '1.0-beta', valid: false },
  { name: 'empty', text: '', valid: false },
];

// Versions node-semver accepts in loose mode, built from the pieces that make ordering hard.
const num = fc.oneof(fc.constantFrom('0', '1', '2', '10', '01'), fc.integer({ min: 0, max: 99999 }).map(String));
const ident = fc.oneof(num, fc.constantFrom('alpha', 'beta', 'rc', 'Beta', 'a-1', 'x', '-'));
const version = fc
  .tuple(fc.constantFrom('', 'v', '='), num, num, num, fc.array(ident, { maxLength: 3 }), fc.array(ident, { maxLength: 2 }))
  .map(([p, a, b, c, pre, build]) => `${p}${a}.${b}.${c}${pre.length ? `-${pre.join('.')}` : ''}${build.length ? `+${build.join('.')}` : ''}`);

describe('npmScheme', () => {
  orderTable(npmScheme, ORDER);
  parseTable(npmScheme, PARSE);

  it('orders every version exactly as semver.compare does in loose mode', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        fc.pre(semver.valid(a, true) !== null && semver.valid(b, true) !== null);
        assert.equal(compareText(npmScheme, a, b), semver.compare(a, b, true));
      }),
      { numRuns: 3000 },
    );
  });
});
