import { strict as assert } from 'node:assert';
import { type JsonPattern, locateJsonProperties } from '../../../server/src/core/json-locations';

/** What each location points at, as text: `path = key / value`. */
function located(text: string, pattern: JsonPattern): string[] {
  return locateJsonProperties(text, pattern).map((l) => `${l.path.join('.')} = ${text.slice(l.keyStart, l.keyEnd)} / ${text.slice(l.valueStart, l.valueEnd)}`);
}

const ROWS: Array<{ name: string; text: string; pattern: JsonPattern; want: string[] }> = [
  { name: 'a selected property, string value without quotes', text: '{"a": "x", "b": 1}', pattern: { a: true }, want: ['a = a / x'] },
  { name: 'any key with *', text: '{"a": 1, "b": true}', pattern: { '*': true }, want: ['a = a / 1', 'b = b / true'] },
  { name: 'a nested object', text: '{"p": {"q": {"v": "1"}}}', pattern: { p: { '*': { v: true } } }, want: ['p = p / {"q": {"v": "1"}}', 'p.q = q / {"v": "1"}', 'p.q.v = v / 1'] },
  { name: 'array elements match * by index', text: '{"list": [{"n": "a"}, {"n": "b"}]}', pattern: { list: { '*': { n: true } } }, want: ['list = list / [{"n": "a"}, {"n": "b"}]', 'list.0.n = n / a', 'list.1.n = n / b'] },
  { name: 'array elements match their own index', text: '[{"n": "a"}, {"n": "b"}]', pattern: { '1': { n: true } }, want: ['1.n = n / b'] },
  { name: 'an empty array', text: '{"list": [], "after": 2}', pattern: { list: { '*': true }, after: true }, want: ['list = list / []', 'after = after / 2'] },
  { name: 'a container recorded with true is skipped, not descended', text: '{"a": [{"b": 1}], "c": 2}', pattern: { a: true, c: true }, want: ['a = a / [{"b": 1}]', 'c = c / 2'] },
  { name: 'a leading byte-order mark keeps offsets in the text as given', text: '\ufeff{"a": "x"}', pattern: { a: true }, want: ['a = a / x'] },
  { name: 'escaped keys match by their decoded text', text: '{"a\\"b": 1, "c\\\\": "d\\"e"}', pattern: { 'a"b': true, 'c\\': true }, want: ['a"b = a\\"b / 1', 'c\\ = c\\\\ / d\\"e'] },
];

describe('core/json-locations', () => {
  for (const row of ROWS) {
    it(row.name, () => assert.deepEqual(located(row.text, row.pattern), row.want));
  }
});
