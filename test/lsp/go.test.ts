import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { parseDependencyFile } from '../../server/src/analysis/dependency-file';
import { applyEdits } from '../../server/src/core/edits';
import { hoverText, message, slice } from '../support/lsp-diagnostic-text';
import { serveFixture } from '../support/lsp-fixture-server';

/**
 * A go.work with two modules. go.mod has no lockfile: its versions are the resolved ones (minimal
 * version selection), `// indirect` lines included. The workspace's own `replace` pins a module
 * that `tools` requires at a safe version to a vulnerable one.
 */
const FIXTURE = join(__dirname, '../fixtures/lsp/go');

describe('language server over stdio: Go (go.mod, go.work)', function () {
  this.timeout(20_000);
  const MOD = 'chat/go.mod';

  const { client, ws, uri, read } = serveFixture(FIXTURE, { path: MOD, languageId: 'go.mod' });

  const modDiagnostics = () => client.waitForDiagnostics(uri(MOD), (d) => d.length === 5);

  it('puts the exact message and severity on each vulnerable requirement, on its version token', async () => {
    const text = read(MOD);
    const diagnostics = [...(await modDiagnostics())].sort((a, b) => a.range.start.line - b.range.start.line);
    assert.deepEqual(
      diagnostics.map((d) => [slice(text, d.range), message(d), d.severity, d.code]),
      [
        ['v4.5.0', 'github.com/golang-jwt/jwt/v4@4.5.0: 2 vulnerabilities (2 unknown); fixed in 4.5.2', DiagnosticSeverity.Warning, 'GO-2024-3250'],
        ['v1.4.0', 'github.com/gorilla/websocket@1.4.0: GO-2020-0019 (unknown); fixed in 1.4.1', DiagnosticSeverity.Warning, 'GO-2020-0019'],
        ['v1.9.0', 'github.com/sirupsen/logrus@1.9.0: GO-2025-4188 (unknown); fixed in 1.9.1', DiagnosticSeverity.Warning, 'GO-2025-4188'],
        ['v0.0.0-20220715151400-c0bba94af5f8', 'golang.org/x/sys@0.0.0-20220715151400-c0bba94af5f8: GO-2026-5024 (unknown); fixed in 0.44.0', DiagnosticSeverity.Warning, 'GO-2026-5024'],
        ['v3.0.0-20200313102051-9f266ea9e77c', 'gopkg.in/yaml.v3@3.0.0-20200313102051-9f266ea9e77c: GO-2022-0603 (unknown); fixed in 3.0.0-20220521103104-8f96da9f5d5e', DiagnosticSeverity.Warning, 'GO-2022-0603'],
      ],
    );
    // `// indirect` requirements are resolved versions too: their lines carry their own findings.
    for (const d of diagnostics.slice(3)) assert.match(text.split('\n')[d.range.start.line]!, /\/\/ indirect$/);
    // Without a lockfile there is nowhere else to lead to.
    assert.deepEqual(diagnostics.map((d) => d.relatedInformation ?? []).flat(), []);
  });

  it('hovers a requirement with the advisory, its aliases, the fixed version and the module path', async () => {
    const text = read(MOD);
    const line = text.split('\n').findIndex((l) => l.includes('gorilla/websocket'));
    const hover = hoverText(await client.hover(uri(MOD), { line, character: text.split('\n')[line]!.indexOf('v1.4.0') + 2 }));
    for (const expected of [
      '**github.com/gorilla/websocket** · 1.4.0',
      '**[GO-2020-0019](https://osv.dev/vulnerability/GO-2020-0019)** (GHSA-3xh2-74w9-5vxm, GHSA-jf24-p9p9-4rjh, CVE-2020-27813) · UNKNOWN',
      'Integer overflow in github.com/gorilla/websocket',
      'Affected: <1.4.1 · Fixed in: 1.4.1',
      'Upgrade to **1.4.1** to fix it.',
      '- example.com/chat > github.com/gorilla/websocket',
    ]) {
      assert.ok(hover.includes(expected), `hover lacks ${expected}:\n${hover}`);
    }
  });

  it('upgrades a requirement in place (keeping the v prefix); the diagnostic goes away, with no lockfile to refresh', async () => {
    const original = read(MOD);
    const websocket = (await modDiagnostics()).find((d) => message(d).startsWith('github.com/gorilla/websocket@'))!;
    const actions = await client.fixActions(uri(MOD), websocket.range, [websocket]);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Upgrade github.com/gorilla/websocket to 1.4.1 (fixes 1 vulnerability)', true]]);
    const edited = applyEdits(original, actions[0]!.edit!.changes![uri(MOD)]!);
    assert.equal(edited, original.replace('github.com/gorilla/websocket v1.4.0', 'github.com/gorilla/websocket v1.4.1'));
    const reparsed = parseDependencyFile(ws.path(MOD), edited)!.result;
    assert.deepEqual(reparsed.errors, []);
    assert.equal(reparsed.packages.find((p) => p.name === 'github.com/gorilla/websocket')?.version, '1.4.1');

    await client.change(uri(MOD), edited);
    const after = await client.waitForDiagnostics(uri(MOD), (d) => d.length === 4);
    assert.ok(!after.some((d) => message(d).includes('websocket') || message(d).includes('out of date')), after.map(message).join('\n'));
    await client.change(uri(MOD), original);
    await modDiagnostics();
  });

  it('offers a fix that crosses a 0.x minor version as a separate, non-preferred action', async () => {
    const sys = (await modDiagnostics()).find((d) => message(d).startsWith('golang.org/x/sys@'))!;
    const actions = await client.fixActions(uri(MOD), sys.range, [sys]);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Upgrade golang.org/x/sys to 0.44.0 (new major version; fixes 1 vulnerability)', false]]);
    const edited = applyEdits(read(MOD), actions[0]!.edit!.changes![uri(MOD)]!);
    assert.match(edited, /\n\tgolang\.org\/x\/sys v0\.44\.0 \/\/ indirect\n/);
  });

  it('reports the module a go.work replace pins on the replace line, and moves it there', async () => {
    const text = read('go.work');
    const diagnostics = await client.waitForDiagnostics(uri('go.work'), (d) => d.length === 1);
    assert.deepEqual(
      diagnostics.map((d) => [slice(text, d.range), message(d), d.severity]),
      [['v2.2.2', 'gopkg.in/yaml.v2@2.2.2: 3 vulnerabilities (3 unknown); fixed in 2.2.8', DiagnosticSeverity.Warning]],
    );
    assert.match(text.split('\n')[diagnostics[0]!.range.start.line]!, /^replace /);
    // The member that requires the module on its own asks for a safe version.
    assert.deepEqual(client.diagnostics.get(uri('tools/go.mod')) ?? [], []);

    const actions = await client.fixActions(uri('go.work'), diagnostics[0]!.range, diagnostics);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Upgrade gopkg.in/yaml.v2 to 2.2.8 (fixes 3 vulnerabilities)', true]]);
    const edited = applyEdits(text, actions[0]!.edit!.changes![uri('go.work')]!);
    assert.equal(edited, text.replace('=> gopkg.in/yaml.v2 v2.2.2', '=> gopkg.in/yaml.v2 v2.2.8'));
    assert.deepEqual(parseDependencyFile(ws.path('go.work'), edited, { readFile: (p) => readFileSync(p, 'utf8') })!.result.errors, []);
    await client.open(uri('go.work'), text, 'go.work');
    await client.change(uri('go.work'), edited);
    await client.waitForDiagnostics(uri('go.work'), (d) => d.length === 0);
    await client.change(uri('go.work'), text);
    await client.waitForDiagnostics(uri('go.work'), (d) => d.length === 1);
  });
});
