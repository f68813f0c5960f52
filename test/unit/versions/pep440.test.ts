import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import * as pep440 from '@renovatebot/pep440';
import { pep440Scheme } from '../../../server/src/versions/pep440';
import { compareText } from '../../../server/src/versions/scheme';
import { OrderRow, ParseRow, orderTable, parseTable } from './order-table';

const ORDER: OrderRow[] = [
  { name: 'numbers, not text (the classic PyPI bug)', a: '1.10', op: '>', b: '1.9' },
  { name: '1.80 is not 1.8', a: '1.80', op: '>', b: '1.8' },
  { name: 'trailing zeros do not count', a: '1.0', op: '=', b: '1.0.0.0' },
  { name: 'epoch beats everything', a: '1!0.1', op: '>', b: '2024.1' },
  { name: 'dev release below the alpha', a: '1.0.dev1', op: '<', b: '1.0a1' },
  { name: 'alpha below beta', a: '1.0a2', op: '<', b: '1.0b1' },
  { name: 'beta below rc', a: '1.0b2', op: '<', b: '1.0rc1' },
  { name: 'rc below release', a: '1.0rc1', op: '<', b: '1.0' },
  { name: 'release below post release', a: '1.0', op: '<', b: '1.0.post1' },
  { name: 'dev of a pre-release below it', a: '1.0a1.dev1', op: '<', b: '1.0a1' },
  { name: 'dev of a post release above the release', a: '1.0.post1.dev1', op: '>', b: '1.0' },
  { name: 'dev of a post release below the post release', a: '1.0.post1.dev1', op: '<', b: '1.0.post1' },
  { name: 'normalise 1.0-rc1', a: '1.0-rc1', op: '=', b: '1.0rc1' },
  { name: 'normalise 1.0.post-1', a: '1.0.post-1', op: '=', b: '1.0.post1' },
  { name: 'normalise implicit post 1.0-1', a: '1.0-1', op: '=', b: '1.0.post1' },
  { name: 'normalise r / rev', a: '1.0-r2', op: '=', b: '1.0.post2' },
  { name: 'normalise alpha/beta/c/pre/preview', a: '1.0c1', op: '=', b: '1.0rc1' },
  { name: 'normalise preview', a: '1.0preview2', op: '=', b: '1.0rc2' },
  { name: 'normalise separators', a: '1.0_RC_1', op: '=', b: '1.0rc1' },
  { name: 'implicit pre-release number', a: '1.0a', op: '=', b: '1.0a0' },
  { name: 'implicit dev number', a: '1.0.DEV', op: '=', b: '1.0.dev0' },
  { name: 'leading v and space', a: ' v1.0 ', op: '=', b: '1.0' },
  { name: 'local version above the public one', a: '1.0+local', op: '>', b: '1.0' },
  { name: 'local: numbers above strings', a: '1.0+abc', op: '<', b: '1.0+1' },
  { name: 'local: 1e5 is a string, not 100000', a: '1.0+1e5', op: '<', b: '1.0+abc' },
  { name: 'local: 0x1 is a string, not 1', a: '1.0+0x1', op: '<', b: '1.0+1' },
  { name: 'local: separators are equivalent', a: '1.0+ubuntu-1', op: '=', b: '1.0+ubuntu.1' },
  { name: 'local: case-insensitive', a: '1.0+ABC', op: '=', b: '1.0+abc' },
  { name: 'numbers beyond 2^53 compare exactly', a: '1.99999999999999999999', op: '>', b: '1.99999999999999999998' },
];

const PARSE: ParseRow[] = [
  { name: 'plain', text: '2.31.0', valid: true },
  { name: 'everything at once', text: '1!2.0.0rc1.post2.dev3+local.7', valid: true },
  { name: 'legacy version pip rejects', text: '0.1-bulbasaur', valid: false },
  { name: 'legacy timestamp', text: '2013-01-21T20:33:09+0100', valid: false },
  { name: 'legacy suffix', text: '1.3.1-STAGING', valid: false },
  { name: 'a specifier', text: '>=1.0', valid: false },
  { name: 'empty local', text: '1.0+', valid: false },
  { name: 'local starting with a separator', text: '1.0+-a', valid: false },
  { name: 'a wildcard', text: '1.0.*', valid: false },
  { name: 'empty', text: '', valid: false },
];

// PEP 440 versions built from every optional piece; numbers stay below 2^53 and local labels avoid
// `e`/`x`, where @renovatebot/pep440 differs from pip (see the rows above).
const n = fc.integer({ min: 0, max: 120 }).map(String);
const pep440Version = fc
  .tuple(
    fc.option(n.map((e) => `${e}!`), { nil: '' }),
    fc.array(n, { minLength: 1, maxLength: 4 }),
    fc.option(fc.tuple(fc.constantFrom('a', 'b', 'rc', 'alpha', 'c', '-beta', '.pre'), n), { nil: undefined }),
    fc.option(fc.constantFrom('.post1', '-3', '.post', 'r2'), { nil: '' }),
    fc.option(fc.constantFrom('.dev0', '.dev5', 'dev'), { nil: '' }),
    fc.option(fc.constantFrom('+1', '+abc', '+abc.1', '+1.abc', '+ubuntu-2'), { nil: '' }),
  )
  .map(([epoch, release, pre, post, dev, local]) => `${epoch}${release.join('.')}${pre ? pre.join('') : ''}${post}${dev}${local}`);

describe('pep440Scheme', () => {
  orderTable(pep440Scheme, ORDER);
  parseTable(pep440Scheme, PARSE);

  it('agrees with @renovatebot/pep440 on generated versions', () => {
    fc.assert(
      fc.property(pep440Version, pep440Version, (a, b) => {
        assert.notEqual(pep440.valid(a), null);
        assert.equal(compareText(pep440Scheme, a, b), Math.sign(pep440.compare(a, b)));
      }),
      { numRuns: 3000 },
    );
  });
});
