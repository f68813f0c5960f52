import { goScheme } from '../../../server/src/versions/go';
import { OrderRow, ParseRow, orderTable, parseTable } from './order-table';

const ORDER: OrderRow[] = [
  { name: 'go.mod writes v, OSV does not', a: 'v1.2.3', op: '=', b: '1.2.3' },
  { name: 'numbers, not text', a: 'v1.10.0', op: '>', b: 'v1.9.0' },
  { name: 'pseudo-version with no tag before the first release', a: 'v0.0.0-20210101000000-abcdef123456', op: '<', b: 'v0.0.1' },
  { name: 'an untagged pseudo-version is a pre-release of v0.0.0', a: 'v0.0.0-20210101000000-abcdef123456', op: '<', b: 'v0.0.0' },
  { name: 'the text 0 is 0.0.0, above untagged pseudo-versions (OSV introduced "0" must mean -infinity)', a: '0', op: '>', b: 'v0.0.0-20210101000000-abcdef123456' },
  { name: 'pseudo-version after its base release', a: 'v1.2.4-0.20210101000000-abcdef123456', op: '>', b: 'v1.2.3' },
  { name: 'pseudo-version before the next release', a: 'v1.2.4-0.20210101000000-abcdef123456', op: '<', b: 'v1.2.4' },
  { name: 'pseudo-version before the next pre-release', a: 'v1.2.4-0.20210101000000-abcdef123456', op: '<', b: 'v1.2.4-alpha' },
  { name: 'pre-release based pseudo-version after its tag', a: 'v1.2.3-pre.0.20210101000000-abcdef123456', op: '>', b: 'v1.2.3-pre' },
  { name: 'pre-release based pseudo-version before the release', a: 'v1.2.3-pre.0.20210101000000-abcdef123456', op: '<', b: 'v1.2.3' },
  { name: 'pseudo-versions by commit time', a: 'v0.0.0-20190927203648-9ce6eca90e73', op: '<', b: 'v0.0.0-20210101000000-000000000000' },
  { name: '+incompatible is build metadata', a: 'v2.0.0+incompatible', op: '=', b: '2.0.0' },
  { name: '+incompatible versions by number', a: 'v2.9.0+incompatible', op: '<', b: 'v2.10.0+incompatible' },
  { name: 'incompatible pseudo-version', a: '2.2.5-rc6.0.20190621200032-0ddffe484adc+incompatible', op: '>', b: '2.2.5-rc6' },
  { name: 'shorthand v1.2', a: 'v1.2', op: '=', b: 'v1.2.0' },
  { name: 'stdlib: go1.21.3', a: 'go1.21.3', op: '=', b: '1.21.3' },
  { name: 'stdlib: go1.20 is 1.20.0', a: 'go1.20', op: '=', b: '1.20.0' },
  { name: 'stdlib: go.mod `go 1.20`', a: '1.20', op: '=', b: '1.20.0' },
  { name: 'stdlib: go1.21rc2 as the vulndb writes it', a: 'go1.21rc2', op: '=', b: '1.21.0-rc.2' },
  { name: 'stdlib: go.mod `go 1.21rc2`', a: '1.21rc2', op: '=', b: '1.21.0-rc.2' },
  { name: 'stdlib: release candidate before the release', a: 'go1.21rc2', op: '<', b: 'go1.21.0' },
  { name: 'stdlib: vulndb lower bound 1.21.0-0 before rc1', a: '1.21.0-0', op: '<', b: 'go1.21rc1' },
  { name: 'stdlib: beta before rc', a: 'go1.9beta2', op: '<', b: 'go1.9rc1' },
  { name: 'stdlib: go1 is 1.0.0', a: 'go1', op: '=', b: '1.0.0' },
  { name: 'stdlib: numbers, not text', a: 'go1.9.7', op: '<', b: 'go1.10' },
];

const PARSE: ParseRow[] = [
  { name: 'module version', text: 'v1.2.3', valid: true },
  { name: 'OSV spelling', text: '1.2.3', valid: true },
  { name: 'toolchain', text: 'go1.22.1', valid: true },
  { name: 'leading zero', text: 'v01.2.3', valid: false },
  { name: 'leading zero in a numeric pre-release', text: 'v1.2.3-01', valid: false },
  { name: 'four parts', text: 'v1.2.3.4', valid: false },
  { name: 'shorthand with a pre-release', text: 'v1.2-pre', valid: false },
  { name: 'go prefix on a module version', text: 'gov1.2.3', valid: false },
  { name: 'rc without a number', text: 'go1.21rc', valid: false },
  { name: 'go alone', text: 'go', valid: false },
  { name: 'a query, not a version', text: 'latest', valid: false },
  { name: 'empty', text: '', valid: false },
];

describe('goScheme', () => {
  orderTable(goScheme, ORDER);
  parseTable(goScheme, PARSE);
});
