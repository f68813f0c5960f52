import { semverScheme } from '../../../server/src/versions/semver';
import { OrderRow, ParseRow, orderTable, parseTable } from './order-table';

const ORDER: OrderRow[] = [
  { name: 'numbers, not text', a: '1.10.0', op: '>', b: '1.9.0' },
  { name: '1.80 is not 1.8', a: '0.1.80', op: '>', b: '0.1.8' },
  { name: 'pre-release below release', a: '1.0.0-alpha', op: '<', b: '1.0.0' },
  { name: 'numeric identifiers by value', a: '1.0.0-beta.11', op: '>', b: '1.0.0-beta.2' },
  { name: 'numeric identifier below alphanumeric', a: '1.0.0-1', op: '<', b: '1.0.0-a' },
  { name: 'longer pre-release above its prefix', a: '1.0.0-alpha.1', op: '>', b: '1.0.0-alpha' },
  { name: 'ASCII order, upper case first', a: '1.0.0-Beta', op: '<', b: '1.0.0-alpha' },
  { name: 'build metadata never orders', a: '1.0.0+20130313', op: '=', b: '1.0.0+exp.sha.5114f85' },
  { name: 'OSV introduced 0 is 0.0.0', a: '0', op: '=', b: '0.0.0' },
  { name: 'RustSec 0.0.0-0 is the lowest version', a: '0.0.0-0', op: '<', b: '0.0.0' },
  { name: 'partial version is zero-filled', a: '1.2', op: '=', b: '1.2.0' },
  { name: 'a leading v is ignored', a: 'v1.2.3', op: '=', b: '1.2.3' },
  { name: 'numbers beyond 2^64 compare exactly (Hex)', a: '18446744073709551616.0.0', op: '>', b: '18446744073709551615.0.0' },
];

const PARSE: ParseRow[] = [
  { name: 'plain', text: '1.2.3', valid: true },
  { name: 'pre-release and build', text: '1.2.3-rc.1+build.5', valid: true },
  { name: 'five parts', text: '1.1.3.4.5', valid: false },
  { name: 'leading zero in a number', text: '01.2.3', valid: false },
  { name: 'leading zero in a numeric pre-release', text: '1.2.3-01', valid: false },
  { name: 'leading zero in build is allowed', text: '1.2.3+01', valid: true },
  { name: 'empty pre-release identifier', text: '1.2.3-a..b', valid: false },
  { name: 'pre-release on a partial version', text: '1.2-beta', valid: false },
  { name: 'surrounding space', text: ' 1.2.3', valid: false },
  { name: 'empty', text: '', valid: false },
  { name: 'a range is not a version', text: '>=1.2.3', valid: false },
];

describe('semverScheme (crates.io, Hex, OSV SEMVER)', () => {
  orderTable(semverScheme, ORDER);
  parseTable(semverScheme, PARSE);
});
