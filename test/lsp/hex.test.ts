import assert from 'node:assert/strict';
import { basename, dirname, join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { escapeInline } from '../../server/src/core/markdown';
import { hoverText, message, slice } from '../support/lsp-diagnostic-text';
import { serveFixture } from '../support/lsp-fixture-server';

/**
 * An Elixir project's mix.lock alone: mix.exs is code and is not read, so the lockfile is the only
 * file with diagnostics, and the direct dependencies are the locked packages nothing else requires
 * (here phoenix and plug come in through pow).
 */
const FIXTURE = join(__dirname, '../fixtures/lsp/hex');

describe('language server over stdio: Hex (mix.lock)', function () {
  this.timeout(20_000);
  const server = serveFixture(FIXTURE, { path: 'mix.lock', languageId: 'elixir' });
  const { client, ws } = server;
  const uri = () => server.uri('mix.lock');
  const read = () => server.read('mix.lock');
  const lockDiagnostics = () => client.waitForDiagnostics(uri(), (d) => d.length === 2);

  it('puts the exact message and severity on each vulnerable locked package, on its version', async () => {
    const text = read();
    const diagnostics = await lockDiagnostics();
    assert.deepEqual(
      diagnostics.map((d) => [text.split('\n')[d.range.start.line]!.slice(2, 14), slice(text, d.range), message(d), d.severity, d.code]).sort(),
      [
        // The fix must clear every advisory: 1.6.14 fixes one, but two others affect 1.6.x below 1.6.17.
        ['"phoenix": {', '1.4.17', 'phoenix@1.4.17: 3 vulnerabilities (2 high, 1 moderate); fixed in 1.6.17', DiagnosticSeverity.Error, 'GHSA-6983-jfq8-485w'],
        // 1.15.4 fixes GHSA-468c but is inside GHSA-j43x's range (1.15.0–1.15.4); 1.15.5 is the first clean version.
        ['"plug": {:he', '1.11.1', 'plug@1.11.1: GHSA-468c-vq7p-gh64 (high); fixed in 1.15.5', DiagnosticSeverity.Error, 'GHSA-468c-vq7p-gh64'],
      ],
    );
  });

  it('hovers with every advisory, the overall fix and the path from the inferred direct dependency', async () => {
    const text = read();
    const project = escapeInline(basename(ws.root));
    const line = text.split('\n').findIndex((l) => l.startsWith('  "phoenix":'));
    const hover = hoverText(await client.hover(uri(), { line, character: text.split('\n')[line]!.indexOf('1.4.17') + 1 }));
    for (const expected of [
      '**phoenix** · 1.4.17 · locked in mix.lock',
      '**3 vulnerabilities**',
      '**[GHSA-p8f7-22gq-m7j9](https://osv.dev/vulnerability/GHSA-p8f7-22gq-m7j9)** (CVE-2022-42975) · HIGH 7.5',
      'Phoenix before 1.6.14 mishandles check_origin wildcarding',
      'Affected: <1.6.14 · Fixed in: 1.6.14',
      '**[GHSA-6983-jfq8-485w](https://osv.dev/vulnerability/GHSA-6983-jfq8-485w)** · HIGH',
      '**[GHSA-63mc-hw7g-86rr](https://osv.dev/vulnerability/GHSA-63mc-hw7g-86rr)** · MODERATE',
      'Upgrade to **1.6.17** to fix all 3.',
      `- ${project} > pow > phoenix`,
    ]) {
      assert.ok(hover.includes(expected), `hover lacks ${expected}:\n${hover}`);
    }
  });

  it('names the mix.lock entries with no advisory as clean', async () => {
    const text = read();
    const line = text.split('\n').findIndex((l) => l.startsWith('  "telemetry":'));
    const hover = hoverText(await client.hover(uri(), { line, character: text.split('\n')[line]!.indexOf('"0.4.2"') + 1 }));
    assert.ok(hover.startsWith('**telemetry** · 0.4.2 · locked in mix.lock'), hover);
    assert.ok(hover.includes('No known vulnerabilities.'), hover);
  });

  // mix.exs is not read, so the unit has no manifest: the lockfile's own tool moves the package.
  it('offers `mix deps.update` for a vulnerable locked package', async () => {
    const plug = (await lockDiagnostics()).find((d) => message(d).startsWith('plug@'))!;
    const actions = await client.fixActions(uri(), plug.range, [plug]);
    const title = 'Update plug in mix.lock (mix deps.update plug; needs 1.15.5 or later)';
    assert.deepEqual(actions.map((a) => [a.title, a.edit]), [[title, undefined]]);
    assert.deepEqual(await client.commandRun(actions[0]!.command), { title, command: 'chainsight.runFixCommand', run: { command: 'mix', args: ['deps.update', 'plug'], cwd: dirname(ws.path('mix.lock')), lockfile: ws.path('mix.lock') } });
  });
});
