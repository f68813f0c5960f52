import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeHtml, escapeMarkdown, markdownLink } from '../../server/src/core/markdown';

describe('escaping untrusted text', () => {
  const LINKS: Array<[string, string, string]> = [
    ['osv', 'https://osv.dev/vulnerability/GHSA-1', '[osv](https://osv.dev/vulnerability/GHSA-1)'],
    ['x', 'command:workbench.action.terminal.new', 'x'],
    ['x', 'javascript:alert(1)', 'x'],
    ['x', 'file:///etc/passwd', 'x'],
    ['a)b', 'https://example.com/a)(b', '[a\\)b](https://example.com/a%29%28b)'],
    ['x', 'not a url', 'x'],
  ];
  for (const [label, url, want] of LINKS) it(`link to ${url}`, () => assert.equal(markdownLink(label, url), want));

  it('no markdown or HTML survives escaping', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeMarkdown(text);
        assert.ok(!/<|>/.test(escaped));
        // every markdown metacharacter is preceded by a backslash
        assert.ok(!/(^|[^\\])[*_`[\]]/.test(escaped.replace(/\\\\/g, '')));
      }),
      { numRuns: 1000, seed: 3 },
    );
  });

  it('HTML escaping covers quotes and backticks for attributes', () => {
    assert.equal(escapeHtml(`<a href="x" onclick='y'>\``), '&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#96;');
  });
});
