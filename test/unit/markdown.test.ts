import assert from 'node:assert/strict';
import fc from 'fast-check';
import { codeSpan, escapeHtml, escapeInline, escapeLine, escapeMarkdown, escapeTableCell, markdownLink } from '../../server/src/core/markdown';

/**
 * An independent CommonMark renderer with GitHub's extensions (tables, strikethrough, bare links),
 * raw HTML on: what escaped text turns into is read off the HTML it renders to.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: object) => { render(src: string): string; linkify: { set(options: object): void } };
const md = new MarkdownIt({ html: true, linkify: true });
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

/** Tags a rendering may contain when nothing was injected: paragraphs, soft and hard breaks. */
function injectedTags(html: string, allowed: readonly string[] = []): string[] {
  return (html.match(/<\/?[a-z][a-z0-9]*/g) ?? []).map((t) => t.replace(/^<\/?/, '')).filter((t) => !['p', 'br', ...allowed].includes(t));
}

function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}

describe('escaping untrusted text for Markdown', () => {
  const LINKS: Array<[string, string, string]> = [
    ['osv', 'https://osv.dev/vulnerability/GHSA-1', '[osv](https://osv.dev/vulnerability/GHSA-1)'],
    ['x', 'command:workbench.action.terminal.new', 'x'],
    ['x', 'javascript:alert(1)', 'x'],
    ['x', 'file:///etc/passwd', 'x'],
    ['a)b', 'https://example.com/a)(b', '[a)b](https://example.com/a%29%28b)'],
    ['[x](y)', 'https://example.com/', '[\\[x\\](y)](https://example.com/)'],
    ['x', 'https://example.com/?q=`a`', '[x](https://example.com/?q=%60a%60)'],
    ['x', 'not a url', 'x'],
  ];
  for (const [label, url, want] of LINKS) it(`link to ${url}`, () => assert.equal(markdownLink(label, url), want));

  // What users read in hovers and reports: none of it may gain a backslash or an entity, since some
  // editors (Neovim 0.7) show hover Markdown as it is.
  const PLAIN = [
    '2.2.0',
    '1.42.0',
    '0.0.0-20230101120000-abcdef123456',
    '4.17.21+build.5',
    'CVE-2023-44270',
    'GHSA-3fx5-fwvr-xrjg',
    'GO-2023-1631',
    'RUSTSEC-2021-0001',
    'PYSEC-2021-1',
    'my-app > express > qs',
    '>=4.0.0, <4.17.21',
    '>= 1.0, < 2.0',
    '[1.0,2.0)',
    'actionpack ~> 6.1.7',
    'ranges ~1.2 and ~2.0',
    'lodash@4.17.4',
    '@babel/core',
    'org.apache.logging.log4j:log4j-core',
    'google.golang.org/protobuf',
    'github.com/gin-gonic/gin',
    'snake_case_name',
    'Microsoft.AspNetCore.App',
    'a & b',
    'a * b',
    'a | b',
    '^1.2.3 || ^2.0.0',
    'x = 1; y != 2',
    'package-lock.json',
    '.github/workflows/publish.yml',
    'refs/tags/v1.0.0',
    'Prototype Pollution in lodash',
    "Regular Expression Denial of Service (ReDoS) in 'ms'",
    'fixed in 4.17.12; see #123',
    '100% {braces} "quotes" +plus !bang ?what',
  ];
  for (const text of PLAIN) {
    it(`leaves plain text unchanged: ${text}`, () => {
      assert.equal(escapeInline(text), text);
      if (!text.includes('|')) assert.equal(escapeTableCell(text), text);
      // At the start of a line only what a line start would turn into markup may change.
      if (!/^[>[~]/.test(text)) assert.equal(escapeMarkdown(text), text);
    });
  }

  // Each row: untrusted text, and the template it lands in (`$` marks the spot).
  const INJECTIONS: Array<{ name: string; text: string; at?: 'line' | 'inline' | 'strong' | 'cell' }> = [
    { name: 'inline link', text: '[click](https://evil.example)' },
    { name: 'command link', text: '[run](command:workbench.action.terminal.new)' },
    { name: 'reference link with a definition', text: '[click][1]\n\n[1]: https://evil.example', at: 'line' },
    { name: 'image', text: '![x](https://evil.example/t.png)' },
    { name: 'raw HTML', text: '<img src=x onerror=alert(1)>' },
    { name: 'HTML block', text: '<div>\nhidden\n</div>', at: 'line' },
    { name: 'HTML comment', text: 'a <!-- hidden --> b' },
    { name: 'autolink', text: '<https://evil.example>' },
    { name: 'bare URL', text: 'see https://evil.example/x' },
    { name: 'www link', text: 'see www.evil.example' },
    { name: 'emphasis', text: '*bold* _it_ **strong** __strong__' },
    { name: 'emphasis closing the template', text: 'x*' , at: 'strong' },
    { name: 'emphasis opening into the template', text: '*x', at: 'strong' },
    { name: 'intraword star', text: '2*3*4' },
    { name: 'strikethrough', text: '~~gone~~ ~also~' },
    { name: 'code span', text: '`code`' },
    { name: 'code span across a template', text: 'a`', at: 'strong' },
    { name: 'heading', text: '# Fixed', at: 'line' },
    { name: 'setext heading', text: 'Safe\n===', at: 'line' },
    { name: 'setext heading with dashes', text: 'Safe\n---', at: 'line' },
    { name: 'block quote', text: '> quoted', at: 'line' },
    { name: 'indented block quote', text: '   > quoted', at: 'line' },
    { name: 'list', text: '- one\n- two', at: 'line' },
    { name: 'plus list', text: '+ one', at: 'line' },
    { name: 'ordered list', text: '1. one\n2) two', at: 'line' },
    { name: 'thematic break', text: 'a\n\n***\n\n* * *\n\n___', at: 'line' },
    { name: 'fenced code', text: '```\ncode\n```\n~~~\ncode\n~~~', at: 'line' },
    { name: 'indented code', text: 'a\n\n    code', at: 'line' },
    { name: 'table', text: '| a | b |\n|---|---|\n| 1 | 2 |', at: 'line' },
    { name: 'table without outer pipes', text: 'a | b\n:-- | --:\n1 | 2', at: 'line' },
    { name: 'table cell break-out', text: 'a | b', at: 'cell' },
    { name: 'entity', text: '&lt;script&gt; &#x202E; &copy;' },
    { name: 'backslash escaping the template', text: 'x\\', at: 'strong' },
    { name: 'hard line break', text: 'a\\\nb', at: 'line' },
  ];
  const TEMPLATES = {
    line: (e: string) => `${escapeMarkdown(e)}`,
    inline: (e: string) => `Summary: ${escapeInline(e)} — end`,
    strong: (e: string) => `**${escapeInline(e)}** after`,
    cell: (e: string) => `| a | b |\n| --- | --- |\n| ${escapeTableCell(e)} | x |`,
  };
  for (const row of INJECTIONS) {
    const at = row.at ?? 'inline';
    it(`neutralises ${row.name}`, () => {
      const html = md.render(TEMPLATES[at](row.text));
      const allowed = at === 'strong' ? ['strong'] : at === 'cell' ? ['table', 'thead', 'tbody', 'tr', 'th', 'td'] : [];
      assert.deepEqual(injectedTags(html, allowed), [], html);
      if (at === 'cell') assert.equal((html.match(/<td/g) ?? []).length, 2, html);
    });
  }

  it('escapes a single tilde only where it could close a strikethrough (GitHub strikes ~one~)', () => {
    assert.equal(escapeInline('a ~one~ b'), 'a ~one\\~ b');
    assert.equal(escapeInline('~x'), '\\~x');
  });

  it('strips bidirectional controls (Trojan Source) and terminal escapes', () => {
    assert.equal(escapeMarkdown('safe\u202e\u2066evil\u2069 \u001b[31mred\u001b[0m'), 'safeevil red');
    assert.equal(escapeInline('a\u200fb'), 'ab');
    assert.equal(escapeHtml('a\u202eb<'), 'ab&#60;');
  });

  // Random text out of Markdown's metacharacters: whatever the mix, it renders as exactly itself.
  const METACHARACTERS = fc.string({ unit: fc.constantFrom(...'\\`*_{}[]()#+-.!|<>~&"\'$:=@/ \nabcAZ019wht\u00e9\u2003'.split('')), maxLength: 40 });

  it('inline text renders as itself, with no markup, in every template', () => {
    fc.assert(
      fc.property(METACHARACTERS, (raw) => {
        const text = raw.replace(/\s+/g, ' ').trim();
        for (const [template, allowed] of [
          [(e: string) => `Summary: ${e}`, []],
          [(e: string) => `**${e}** after`, ['strong']],
        ] as const) {
          const html = md.render(template(escapeInline(raw)));
          assert.deepEqual(injectedTags(html, allowed), [], html);
          assert.ok(textOf(html).includes(text), `${JSON.stringify(text)} → ${html}`);
        }
        const link = md.render(markdownLink(raw, 'https://osv.dev/'));
        assert.equal((link.match(/<a /g) ?? []).length, 1, link);
        assert.equal(textOf(link), text, link);
      }),
      { numRuns: 3000, seed: 3 },
    );
  });

  it('a multi-line block renders as its lines, with no markup', () => {
    fc.assert(
      fc.property(METACHARACTERS, (raw) => {
        const html = md.render(escapeMarkdown(raw));
        assert.deepEqual(injectedTags(html), [], html);
        const words = (s: string) => s.replace(/\s+/g, '');
        assert.equal(words(textOf(html)), words(raw), html);
      }),
      { numRuns: 3000, seed: 5 },
    );
  });

  it('one escaped line stays one paragraph at the start of a line', () => {
    fc.assert(
      fc.property(METACHARACTERS, (raw) => {
        const html = md.render(`- ${escapeLine(raw)}`);
        assert.deepEqual(injectedTags(html, ['ul', 'li']), [], html);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  const CODE: Array<[string, string]> = [
    ['^1.2.3 || ~2.0', '`^1.2.3 || ~2.0`'],
    ['CVSS:3.1/AV:N/AC:L', '`CVSS:3.1/AV:N/AC:L`'],
    ['a`b', '``a`b``'],
    ['`x`', '`` `x` ``'],
    ['evil\u202e\u001b[2K\nnext', '`evil next`'],
  ];
  for (const [text, want] of CODE) {
    it(`code span for ${JSON.stringify(text)}`, () => {
      assert.equal(codeSpan(text), want);
      const html = md.render(`Requirement: ${codeSpan(text)}`);
      assert.deepEqual(injectedTags(html, ['code']), [], html);
      assert.equal((html.match(/<code>/g) ?? []).length, 1, html);
    });
  }

  it('HTML escaping covers quotes and backticks for attributes', () => {
    assert.equal(escapeHtml(`<a href="x" onclick='y'>\``), '&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#96;');
  });
});
