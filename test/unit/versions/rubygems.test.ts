import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { Version } from '@renovatebot/ruby-semver/dist/ruby/version';
import { rubygemsScheme } from '../../../server/src/versions/rubygems';
import { compareText } from '../../../server/src/versions/scheme';
import { OrderRow, ParseRow, orderTable, parseTable } from './order-table';

const ORDER: OrderRow[] = [
  { name: 'numbers, not text', a: '3.10', op: '>', b: '3.2' },
  { name: '1.80 is not 1.8', a: '1.80', op: '>', b: '1.8' },
  { name: 'a letter makes a pre-release', a: '1.0.a', op: '<', b: '1.0' },
  { name: 'pre-release above the previous release', a: '2.0.0.rc1', op: '>', b: '1.9.9' },
  { name: 'a hyphen means .pre.', a: '1.0-beta', op: '=', b: '1.0.pre.beta' },
  { name: 'strings compare as strings', a: '1.0.rc1', op: '>', b: '1.0.beta2' },
  { name: 'strings compare byte-wise, upper case first', a: '1.0.B', op: '<', b: '1.0.a' },
  { name: 'letters split from digits', a: '1.0.a10', op: '=', b: '1.0.a.10' },
  { name: 'trailing zeros trimmed', a: '1.0.0', op: '=', b: '1' },
  { name: 'zeros before the first letter trimmed', a: '1.0.a', op: '=', b: '1.a' },
  { name: 'zeros after the letters trimmed', a: '1.a.0', op: '=', b: '1.a' },
  { name: 'Rails security releases have four parts', a: '6.1.7.1', op: '>', b: '6.1.7' },
  { name: 'a pre-release of 0 is below 0', a: '0.a', op: '<', b: '0' },
  { name: 'surrounding space is ignored', a: ' 1.0 ', op: '=', b: '1.0' },
  { name: 'numbers beyond 2^53 compare exactly', a: '1.99999999999999999999', op: '>', b: '1.99999999999999999998' },
];

const PARSE: ParseRow[] = [
  { name: 'Gemfile.lock version', text: '7.0.4.3', valid: true },
  { name: 'pre-release', text: '7.1.0.beta1', valid: true },
  { name: 'letters glued to the first number', text: '1beta', valid: false },
  { name: 'starts with a letter', text: 'a1', valid: false },
  { name: 'empty segment', text: '1..0', valid: false },
  { name: 'trailing hyphen', text: '1.0-', valid: false },
  { name: 'a requirement', text: '~> 1.0', valid: false },
  { name: 'blank (Ruby would say 0)', text: '  ', valid: false },
  { name: 'empty', text: '', valid: false },
];

// Gem versions with lower-case letters only: @renovatebot/ruby-semver compares strings with
// localeCompare, which differs from Ruby's byte order once upper case is involved (see the table).
const seg = fc.oneof(fc.integer({ min: 0, max: 30 }).map(String), fc.constantFrom('a', 'b', 'pre', 'rc', 'beta1', '0'));
const gemVersion = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.array(seg, { maxLength: 4 }), fc.option(fc.constantFrom('-beta', '-rc.1', '-1'), { nil: '' }))
  .map(([first, rest, tail]) => [String(first), ...rest].join('.') + tail);

describe('rubygemsScheme', () => {
  orderTable(rubygemsScheme, ORDER);
  parseTable(rubygemsScheme, PARSE);

  it('agrees with @renovatebot/ruby-semver on generated lower-case versions', () => {
    fc.assert(
      fc.property(gemVersion, gemVersion, (a, b) => {
        assert.equal(compareText(rubygemsScheme, a, b), Math.sign(new Version(a).compare(new Version(b))!));
      }),
      { numRuns: 3000 },
    );
  });
});
