import { pubScheme } from '../../../server/src/versions/pub';
import { OrderRow, ParseRow, orderTable, parseTable } from './order-table';

const ORDER: OrderRow[] = [
  { name: 'numbers, not text', a: '1.10.0', op: '>', b: '1.9.0' },
  { name: 'pre-release below release', a: '1.0.0-dev.1', op: '<', b: '1.0.0' },
  { name: 'a build orders after the pre-release it decorates', a: '1.0.0-pre', op: '<', b: '1.0.0-pre+build' },
  { name: 'a pre-release with a build is still below the release', a: '1.0.0-pre+build', op: '<', b: '1.0.0' },
  { name: 'a build sorts after the plain release', a: '1.0.0', op: '<', b: '1.0.0+1' },
  { name: 'builds compare part by part', a: '1.2.3+1', op: '<', b: '1.2.3+1.1' },
  { name: 'numeric build parts by value', a: '1.2.3+9', op: '<', b: '1.2.3+10' },
  { name: 'numbers before strings', a: '1.2.3+900', op: '<', b: '1.2.3+a' },
  { name: "Dart's int.tryParse reads 01 as 1", a: '1.0.0-01', op: '=', b: '1.0.0-1' },
  { name: "Dart's int.tryParse reads hex", a: '1.0.0-0x10', op: '=', b: '1.0.0-16' },
];

const PARSE: ParseRow[] = [
  { name: 'pubspec.lock version', text: '2.1.0', valid: true },
  { name: 'leading zeros are accepted by pub', text: '01.2.3', valid: true },
  { name: 'four parts', text: '1.2.3.4', valid: false },
  { name: 'empty pre-release', text: '1.2.3-', valid: false },
  { name: 'empty build', text: '1.2.3+', valid: false },
  { name: 'a constraint', text: '^1.2.3', valid: false },
  { name: 'empty', text: '', valid: false },
];

describe('pubScheme', () => {
  orderTable(pubScheme, ORDER);
  parseTable(pubScheme, PARSE);
});
