import assert from 'node:assert/strict';
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
  it('renders rows with textContent, never as HTML', () => {
    assert.doesNotMatch(html, /innerHTML|insertAdjacentHTML|outerHTML|document\.write/);
    assert.match(html, /textContent = text/);
  });
  it('follows the theme through VS Code CSS variables', () => {
    assert.match(html, /var\(--vscode-foreground\)/);
    assert.match(html, /var\(--vscode-editor-background\)/);
  });
});
