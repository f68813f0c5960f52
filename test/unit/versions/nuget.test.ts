import { nugetScheme } from '../../../server/src/versions/nuget';
import { OrderRow, ParseRow, orderTable, parseTable } from './order-table';

const ORDER: OrderRow[] = [
  { name: 'labels are case-insensitive', a: '1.0.0-RC1', op: '=', b: '1.0.0-rc1' },
  { name: 'numbers, not text', a: '1.10.0', op: '>', b: '1.9.0' },
  { name: 'missing parts are zero', a: '1.0', op: '=', b: '1.0.0.0' },
  { name: 'one part', a: '1', op: '=', b: '1.0.0' },
  { name: 'legacy fourth part orders', a: '1.0.0.1', op: '>', b: '1.0.0' },
  { name: 'a fourth part beats a pre-release', a: '1.0.0.1-alpha', op: '>', b: '1.0.0' },
  { name: 'leading zeros in numbers', a: '1.0.01', op: '=', b: '1.0.1' },
  { name: 'metadata never orders', a: '1.0.0-beta+a', op: '=', b: '1.0.0-beta+b' },
  { name: 'pre-release below release', a: '1.0.0-alpha', op: '<', b: '1.0.0' },
  { name: 'numeric labels by value', a: '1.0.0-beta.2', op: '<', b: '1.0.0-beta.11' },
  { name: 'numeric label below alphanumeric', a: '1.0.0-1', op: '<', b: '1.0.0-a' },
  { name: 'more labels above a prefix', a: '1.0.0-beta', op: '<', b: '1.0.0-beta.1' },
  { name: 'legacy unseparated labels compare as text', a: '1.0.0-beta10', op: '<', b: '1.0.0-beta2' },
  { name: 'int.TryParse reads -1 as a number', a: '1.0.0--1', op: '<', b: '1.0.0-0' },
  { name: 'a label past Int32 is text, so above numbers', a: '1.0.0-2147483648', op: '>', b: '1.0.0-5' },
];

const PARSE: ParseRow[] = [
  { name: 'packages.lock.json version', text: '13.0.3', valid: true },
  { name: 'surrounding space is trimmed', text: ' 1.0.0 ', valid: true },
  { name: 'five parts', text: '1.0.0.0.0', valid: false },
  { name: 'a part beyond Int32', text: '2147483648.0', valid: false },
  { name: 'leading zero in a numeric label', text: '1.0.0-01', valid: false },
  { name: 'leading zero in metadata is fine', text: '1.0.0+01', valid: true },
  { name: 'empty label', text: '1.0.0-', valid: false },
  { name: 'underscore in a label', text: '1.0.0-beta_1', valid: false },
  { name: 'a v prefix', text: 'v1.0.0', valid: false },
  { name: 'a version range', text: '[1.0,2.0)', valid: false },
  { name: 'a floating version', text: '1.0.*', valid: false },
  { name: 'empty', text: '', valid: false },
];

describe('nugetScheme', () => {
  orderTable(nugetScheme, ORDER);
  parseTable(nugetScheme, PARSE);
});
