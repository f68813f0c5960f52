import { packagistScheme } from '../../../server/src/versions/packagist';
import { OrderRow, ParseRow, orderTable, parseTable } from './order-table';

const ORDER: OrderRow[] = [
  { name: 'a v prefix is normalised away', a: 'v1.2.3', op: '=', b: '1.2.3' },
  { name: 'v1.2.3 is not below 1.0.0 (raw version_compare would say it is)', a: 'v1.2.3', op: '>', b: '1.0.0' },
  { name: 'numbers, not text', a: '1.10.0', op: '>', b: '1.9.0' },
  { name: 'padded to four parts', a: '1.0', op: '=', b: '1.0.0.0' },
  { name: 'a fourth part orders', a: '1.0.0.1', op: '>', b: '1.0.0' },
  { name: 'dev below alpha', a: '1.0.0-dev', op: '<', b: '1.0.0-alpha1' },
  { name: 'alpha below beta', a: '1.0.0-alpha2', op: '<', b: '1.0.0-beta1' },
  { name: 'beta below RC', a: '1.0.0-beta2', op: '<', b: '1.0.0-RC1' },
  { name: 'RC below the release', a: '1.0.0-RC1', op: '<', b: '1.0.0' },
  { name: 'patch above the release', a: '1.0.0-patch1', op: '>', b: '1.0.0' },
  { name: 'rc spellings', a: '1.0.0RC1', op: '=', b: '1.0.0.rc1' },
  { name: 'b is beta', a: '1.0.0-b2', op: '=', b: '1.0.0-beta2' },
  { name: 'a is alpha', a: '1.0.0a1', op: '=', b: '1.0.0-alpha1' },
  { name: 'pl and p are patch', a: '1.0.0pl1', op: '=', b: '1.0.0-p1' },
  { name: 'upper-case stability', a: '1.0.0-ALPHA1', op: '<', b: '1.0.0-BETA1' },
  { name: 'stable is the release', a: '1.0.0-stable', op: '=', b: '1.0.0' },
  { name: 'build metadata dropped', a: '1.0.0+build.7', op: '=', b: '1.0.0' },
  { name: 'pre-release digits after a dot', a: '1.25.0-beta2.1', op: '=', b: '1.25.0-b.2.1' },
  { name: 'a numeric dev branch above its releases', a: '2.1.x-dev', op: '>', b: '2.1.999' },
  { name: 'a numeric dev branch below the next minor', a: '2.1.x-dev', op: '<', b: '2.2.0-alpha1' },
  { name: 'a stability flag is ignored', a: '1.0.0@beta', op: '=', b: '1.0.0' },
  { name: 'an inline alias keeps the real version', a: '1.0.0 as 2.0.0', op: '=', b: '1.0.0' },
  { name: 'date versions', a: '2013-01-21', op: '<', b: '2013.01.22' },
];

const PARSE: ParseRow[] = [
  { name: 'composer.lock tag', text: 'v5.4.21', valid: true },
  { name: 'named branch', text: 'dev-main', valid: false },
  { name: 'master branch', text: 'master', valid: false },
  { name: 'branch with a slash', text: 'dev-feature/x', valid: false },
  { name: 'unknown stability word', text: '1.0.0-test1', valid: false },
  { name: 'PHP version_compare special form', text: '1.2.3.#', valid: false },
  { name: 'six-digit major that is not a date', text: '123456.0.0', valid: false },
  { name: 'date version', text: '20230101', valid: true },
  { name: 'a constraint', text: '^1.2', valid: false },
  { name: 'empty', text: '', valid: false },
];

describe('packagistScheme', () => {
  orderTable(packagistScheme, ORDER);
  parseTable(packagistScheme, PARSE);
});
