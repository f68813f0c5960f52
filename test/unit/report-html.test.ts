import assert from 'node:assert/strict';
import { Script } from 'node:vm';
import { reportHtml } from '../../client/src/report/html';

describe('report webview page', () => {
  const html = reportHtml('NONCE123', 'vscode-resource:');
  it('has a strict Content-Security-Policy: nothing by default, scripts and styles only with the nonce', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-NONCE123'/);
    assert.match(csp, /style-src 'nonce-NONCE123'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    for (const tag of html.match(/<(script|style)\b[^>]*>/g)!) assert.match(tag, /nonce="NONCE123"/);
  });
  it('its script parses (a syntax error leaves the report empty)', () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    assert.ok(scripts.length > 0);
    for (const source of scripts) assert.doesNotThrow(() => new Script(source, { filename: 'report.js' }));
  });
  it('renders rows with textContent, never as HTML', () => {
    assert.doesNotMatch(html, /innerHTML|insertAdjacentHTML|outerHTML|document\.write/);
    assert.match(html, /td\.textContent = plain\(text\)/);
  });
  it('strips bidirectional controls (Trojan Source) from every row it writes', () => {
    const source = /function plain\(text\) \{[\s\S]*?\n {2}\}/.exec(html)![0];
    const plain = new Function(`${source}; return plain;`)() as (text: unknown) => string;
    assert.equal(plain('safe\u202eexe.txt\u2066x\u2069\u200f'), 'safeexe.txtx');
    assert.equal(plain(undefined), '');
    for (const sink of [/td\.textContent = plain\(/, /link\.textContent = plain\(/, /adv\.title = plain\(/, /'Could not load the report: ' \+ plain\(/]) assert.match(html, sink);
  });
  it('follows the theme through VS Code CSS variables', () => {
    assert.match(html, /var\(--vscode-foreground\)/);
    assert.match(html, /var\(--vscode-editor-background\)/);
  });
});
