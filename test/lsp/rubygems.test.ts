import assert from 'node:assert/strict';
import { basename, dirname, join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { parseDependencyFile } from '../../server/src/analysis/dependency-file';
import { applyEdits } from '../../server/src/core/edits';
import { escapeInline } from '../../server/src/core/markdown';
import { hoverText, message, slice, STALE_HINT } from '../support/lsp-diagnostic-text';
import { serveFixture } from '../support/lsp-fixture-server';

/** A Bundler project: Gemfile + Gemfile.lock with platform-specific gems (grpc, google-protobuf). */
const FIXTURE = join(__dirname, '../fixtures/lsp/rubygems');

describe('language server over stdio: RubyGems (Gemfile + Gemfile.lock)', function () {
  this.timeout(20_000);
  const { client, ws, uri, read } = serveFixture(FIXTURE, { path: 'Gemfile', languageId: 'ruby' });

  const gemfileDiagnostics = () => client.waitForDiagnostics(uri('Gemfile'), (d) => d.length === 2);

  it('puts the exact message and severity on each vulnerable gem, on its requirement', async () => {
    const text = read('Gemfile');
    const diagnostics = await gemfileDiagnostics();
    assert.deepEqual(
      diagnostics.map((d) => [slice(text, d.range), message(d), d.severity, d.code]).sort(),
      [
        ['~> 1.42', 'grpc@1.42.0 pulls in google-protobuf@3.19.1: 2 vulnerabilities (1 high, 1 moderate); fixed in google-protobuf 3.19.6', DiagnosticSeverity.Error, 'GHSA-wrvw-hg22-4m67'],
        ['~> 6.1.7', 'actionpack@6.1.7: GHSA-8xww-x3g3-6jcv (low); fixed in 6.1.7.1', DiagnosticSeverity.Information, 'GHSA-8xww-x3g3-6jcv'],
      ],
    );
    const grpc = diagnostics.find((d) => message(d).startsWith('grpc@'))!;
    assert.equal(grpc.relatedInformation?.[0]?.location.uri, uri('Gemfile.lock'));
    assert.equal(slice(read('Gemfile.lock'), grpc.relatedInformation![0]!.location.range), '3.19.1');
  });

  it('puts a diagnostic on each vulnerable Gemfile.lock spec, on the version without its platform', async () => {
    const text = read('Gemfile.lock');
    const diagnostics = await client.waitForDiagnostics(uri('Gemfile.lock'), (d) => d.length === 2);
    assert.deepEqual(
      diagnostics.map((d) => [text.split('\n')[d.range.start.line], slice(text, d.range), message(d)]).sort(),
      [
        ['    actionpack (6.1.7)', '6.1.7', 'actionpack@6.1.7: GHSA-8xww-x3g3-6jcv (low); fixed in 6.1.7.1'],
        ['    google-protobuf (3.19.1-x86_64-linux)', '3.19.1', 'google-protobuf@3.19.1: 2 vulnerabilities (1 high, 1 moderate); fixed in 3.19.6'],
      ],
    );
  });

  it('hovers with the advisories, fixed versions and the path through the gem that pulls it in', async () => {
    const text = read('Gemfile');
    const project = escapeInline(basename(ws.root));
    const line = text.split('\n').findIndex((l) => l.startsWith('gem "grpc"'));
    const hover = hoverText(await client.hover(uri('Gemfile'), { line, character: text.split('\n')[line]!.indexOf('~> 1.42') + 1 }));
    for (const expected of [
      '**grpc** · 1.42.0 · resolved in Gemfile.lock',
      '**Pulls in google-protobuf@3.19.1 (grpc > google-protobuf)**',
      '**[GHSA-wrvw-hg22-4m67](https://osv.dev/vulnerability/GHSA-wrvw-hg22-4m67)** (CVE-2021-22569) · HIGH',
      '**[GHSA-h4h5-3hr4-j3g2](https://osv.dev/vulnerability/GHSA-h4h5-3hr4-j3g2)** (CVE-2022-3171) · MODERATE',
      'Fixed in: 3.19.2',
      'Upgrade to **3.19.6** to fix all 2.',
      `- ${project} > grpc`,
    ]) {
      assert.ok(hover.includes(expected), `hover lacks ${expected}:\n${hover}`);
    }
    const lock = read('Gemfile.lock');
    const protobufLine = lock.split('\n').indexOf('    google-protobuf (3.19.1-x86_64-linux)');
    const lockHover = hoverText(await client.hover(uri('Gemfile.lock'), { line: protobufLine, character: 6 }));
    assert.ok(lockHover.includes(`- ${project} > grpc > google-protobuf`), lockHover);
  });

  it('upgrades a direct gem by adding a floor to its pessimistic requirement; the lockfile then shows as out of date', async () => {
    const original = read('Gemfile');
    const actionpack = (await gemfileDiagnostics()).find((d) => message(d).startsWith('actionpack@'))!;
    const actions = await client.fixActions(uri('Gemfile'), actionpack.range, [actionpack]);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Upgrade actionpack to 6.1.7.1 (fixes 1 vulnerability)', true]]);
    const edited = applyEdits(original, actions[0]!.edit!.changes![uri('Gemfile')]!);
    assert.equal(edited, original.replace('gem "actionpack", "~> 6.1.7"', 'gem "actionpack", "~> 6.1.7", ">= 6.1.7.1"'));
    const reparsed = parseDependencyFile(ws.path('Gemfile'), edited)!.result;
    assert.deepEqual(reparsed.errors, []);
    assert.equal(reparsed.packages.find((p) => p.name === 'actionpack')?.requirement, '~> 6.1.7, >= 6.1.7.1');

    await client.change(uri('Gemfile'), edited);
    const after = await client.waitForDiagnostics(uri('Gemfile'), (d) => !d.some((x) => message(x).startsWith('actionpack@')));
    assert.deepEqual(
      after.filter((d) => d.range.start.line === actionpack.range.start.line).map(message),
      [`Gemfile.lock is out of date: it records actionpack@~> 6.1.7, not ~> 6.1.7, >= 6.1.7.1; ${STALE_HINT}`],
    );
    await client.change(uri('Gemfile'), original);
    await gemfileDiagnostics();
  });

  it('requires a transitive gem at the fixed version in the Gemfile, with `bundle update --conservative`', async () => {
    const original = read('Gemfile');
    const grpc = (await gemfileDiagnostics()).find((d) => message(d).startsWith('grpc@'))!;
    const actions = await client.fixActions(uri('Gemfile'), grpc.range, [grpc]);
    const title = 'Require google-protobuf >= 3.19.6 in the Gemfile';
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [[title, true]]);
    assert.deepEqual(await client.commandRun(actions[0]!.command), { title, command: 'chainsight.runFixCommand', run: { command: 'bundle', args: ['update', '--conservative', 'google-protobuf'], cwd: dirname(ws.path('Gemfile')), lockfile: ws.path('Gemfile') } });
    const edited = applyEdits(original, actions[0]!.edit!.changes![uri('Gemfile')]!);
    assert.equal(edited, original.replace('gem "grpc", "~> 1.42"\n', 'gem "grpc", "~> 1.42"\ngem "google-protobuf", ">= 3.19.6"\n'));
    const reparsed = parseDependencyFile(ws.path('Gemfile'), edited)!.result;
    assert.deepEqual(reparsed.errors, []);
    assert.equal(reparsed.packages.find((p) => p.name === 'google-protobuf')?.requirement, '>= 3.19.6');

    // Bundler keeps one version per gem, so the new requirement moves google-protobuf for grpc too:
    // the finding leaves grpc at once, and the new line says the lockfile is behind until the update.
    await client.change(uri('Gemfile'), edited);
    const after = await client.waitForDiagnostics(uri('Gemfile'), (d) => d.some((x) => x.range.start.line === grpc.range.start.line + 1));
    assert.deepEqual(
      after.map((d) => [slice(edited, d.range), message(d)]).sort(),
      [
        ['>= 3.19.6', `Gemfile.lock is out of date: google-protobuf is not in it; ${STALE_HINT}`],
        ['~> 6.1.7', 'actionpack@6.1.7: GHSA-8xww-x3g3-6jcv (low); fixed in 6.1.7.1'],
      ],
    );
    await client.change(uri('Gemfile'), original);
    await gemfileDiagnostics();
  });
  // Issue 12, defect 1: the manifest → lockfile resolution was cached on the lockfile text's length,
  // so an edit that kept the length kept the old answer and the Gemfile's finding vanished.
  it('keeps the manifest finding after a lockfile edit that keeps the text length (6.1.7 → 6.1.6)', async () => {
    const lock = read('Gemfile.lock');
    await client.open(uri('Gemfile.lock'), lock, 'gemfilelock');
    const edited = lock.replace('    actionpack (6.1.7)', '    actionpack (6.1.6)');
    assert.equal(edited.length, lock.length);
    await client.change(uri('Gemfile.lock'), edited);
    const after = await client.waitForDiagnostics(uri('Gemfile'), (d) => d.some((x) => message(x).startsWith('actionpack@6.1.6')));
    assert.deepEqual(after.filter((d) => message(d).startsWith('actionpack@')).map(message), ['actionpack@6.1.6: GHSA-8xww-x3g3-6jcv (low); fixed in 6.1.7.1']);
    await client.change(uri('Gemfile.lock'), lock);
    await client.waitForDiagnostics(uri('Gemfile'), (d) => d.some((x) => message(x).startsWith('actionpack@6.1.7:')));
    await client.close(uri('Gemfile.lock'));
  });
});
