import assert from 'node:assert/strict';
import fc from 'fast-check';
import { plainText, safeMultilineText, withoutBidiControls } from '../../server/src/core/terminal-text';

describe('plain text for terminals (untrusted names, advisory text, messages)', () => {
  const ROWS: Array<[string, string, string]> = [
    ['erase the line above (CSI)', 'evil\u001b[1A\u001b[2Kname', 'evilname'],
    ['colours', '\u001b[31mred\u001b[0m', 'red'],
    ['hidden link (OSC 8, ST)', 'a\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\b', 'aclickb'],
    ['window title (OSC, BEL)', 'x\u001b]0;pwned\u0007y', 'xy'],
    ['unterminated OSC swallows nothing visible', 'x\u001b]8;;https://evil', 'x'],
    ['8-bit CSI', 'a\u009b2Jb', 'ab'],
    ['device control string', 'a\u001bPq#0;2;0;0;0\u001b\\b', 'ab'],
    ['reset (ESC c)', 'a\u001bcb', 'ab'],
    ['bidirectional override (Trojan Source)', 'safe\u202eexe.txt', 'safeexe.txt'],
    ['isolates and marks', '\u2066a\u2069\u200fb\u061c', 'ab'],
    ['newlines, tabs and other controls become one space', 'a\n\tb\r\nc\u0000d\u2028e', 'a b c d e'],
    ['plain text is unchanged', 'lodash@4.17.4 > GHSA-jf85-cpcp-j695 (critical)', 'lodash@4.17.4 > GHSA-jf85-cpcp-j695 (critical)'],
  ];
  for (const [name, input, want] of ROWS) it(name, () => assert.equal(plainText(input), want));

  it('caps the length', () => assert.equal(plainText('x'.repeat(10), 5), 'xxxx…'));

  it('keeps lines in multi-line text, and only bidi controls go in withoutBidiControls', () => {
    assert.equal(safeMultilineText('a\r\nb\u001b[2K\rc'), 'a\nb\nc');
    assert.equal(withoutBidiControls('a\u202e\u001bb'), 'a\u001bb');
  });

  it('no control character or bidi control survives, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('\u001b', '[', ']', '\\', '\u0007', '\u009b', '\u009d', '\u202e', '\u2066', 'a', '1', ';', 'P', '\n') }), (text) => {
        assert.doesNotMatch(plainText(text, 10_000), /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});
