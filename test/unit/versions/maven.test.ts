import { mavenScheme } from '../../../server/src/versions/maven';
import { OrderRow, ParseRow, orderTable, parseTable } from './order-table';

const ORDER: OrderRow[] = [
  { name: 'SNAPSHOT below its release', a: '1.0-SNAPSHOT', op: '<', b: '1.0' },
  { name: 'SNAPSHOT above rc', a: '1.0-SNAPSHOT', op: '>', b: '1.0-rc-1' },
  { name: 'alpha below beta', a: '1.0-alpha-2', op: '<', b: '1.0-beta-1' },
  { name: 'beta below milestone', a: '1.0-beta-2', op: '<', b: '1.0-milestone-1' },
  { name: 'milestone below rc', a: '1.0-milestone-2', op: '<', b: '1.0-rc-1' },
  { name: 'cr is rc', a: '1.0-cr-1', op: '=', b: '1.0-rc-1' },
  { name: 'ga, final and release are the release', a: '1.0-ga', op: '=', b: '1.0.RELEASE' },
  { name: 'final is the release', a: '1.0.Final', op: '=', b: '1.0' },
  { name: 'sp above the release', a: '1.0-sp', op: '>', b: '1.0' },
  { name: 'unknown qualifiers after known ones', a: '1.0-sp', op: '<', b: '1.0-abc' },
  { name: 'unknown qualifiers lexically', a: '1.0-abc', op: '<', b: '1.0-xyz' },
  { name: 'unknown qualifier above the release', a: '2.0.1', op: '<', b: '2.0.1-xyz' },
  { name: 'a1 is alpha-1', a: '1.0a1', op: '=', b: '1.0-alpha-1' },
  { name: 'b2 is beta-2', a: '1.0b2', op: '=', b: '1.0-beta-2' },
  { name: 'm3 is milestone-3', a: '1.0m3', op: '=', b: '1.0-milestone-3' },
  { name: 'a alone is not alpha', a: '1.0-a', op: '>', b: '1.0' },
  { name: 'case-insensitive', a: '1.0-RC1', op: '=', b: '1.0-rc1' },
  { name: 'trailing zeros trimmed', a: '1.0.0', op: '=', b: '1' },
  { name: 'trailing zero after a hyphen trimmed', a: '1.0-0', op: '=', b: '1' },
  { name: 'numbers, not text', a: '1.10', op: '>', b: '1.9' },
  { name: '1.80 is not 1.8', a: '1.80', op: '>', b: '1.8' },
  { name: 'digit/letter transition is a separator', a: '1.0alpha1', op: '=', b: '1.0-alpha-1' },
  { name: 'a hyphen sorts below a dot', a: '1.0-1', op: '<', b: '1.0.1' },
  { name: 'a number after a hyphen above the release', a: '1.0', op: '<', b: '1.0-1' },
  { name: 'MNG-7644: .X1 below -X2', a: '1.0.0.RC1', op: '<', b: '1.0.0-RC2' },
  { name: 'MNG-7644: 2.0.X is 2-X', a: '2.0.abc', op: '=', b: '2-abc' },
  { name: 'the POM reference example', a: '1-1.foo-bar1baz-.1', op: '=', b: '1-1.foo-bar-1-baz-0.1' },
  { name: 'Spring release trains', a: 'Hoxton.RELEASE', op: '<', b: 'Hoxton.SR1' },
  { name: 'numbers beyond 2^63 compare exactly', a: '1.123456789012345678901', op: '<', b: '1.123456789012345678902' },
];

const PARSE: ParseRow[] = [
  { name: 'release', text: '2.17.1', valid: true },
  { name: 'snapshot', text: '1.0-SNAPSHOT', valid: true },
  { name: 'underscore qualifier', text: '1.2.8_noneautotype', valid: true },
  { name: 'unresolved property', text: '${project.version}', valid: false },
  { name: 'a version range', text: '[1.0,2.0)', valid: false },
  { name: 'a soft requirement list', text: '1.0,2.0', valid: false },
  { name: 'white space', text: '1.0 ', valid: false },
  { name: 'a path separator', text: '1.0/2', valid: false },
  { name: 'empty', text: '', valid: false },
];

describe('mavenScheme', () => {
  orderTable(mavenScheme, ORDER);
  parseTable(mavenScheme, PARSE);
});
