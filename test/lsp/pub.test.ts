import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { parseDependencyFile } from '../../server/src/analysis/dependency-file';
import { applyEdits } from '../../server/src/core/edits';
import { hoverText, message, slice, STALE_HINT } from '../support/lsp-diagnostic-text';
import { serveFixture } from '../support/lsp-fixture-server';

/**
 * A Dart package: pubspec.yaml + pubspec.lock. The lock says which packages are direct but records
 * no edges, so a vulnerable transitive package (dio, pulled in by retrofit) is reported on its
 * lockfile entry only.
 */
const FIXTURE = join(__dirname, '../fixtures/lsp/pub');

describe('language server over stdio: Pub (pubspec.yaml + pubspec.lock)', function () {
  this.timeout(20_000);
  const { client, ws, uri, read } = serveFixture(FIXTURE, { path: 'pubspec.yaml', languageId: 'yaml' });

  const manifestDiagnostics = () => client.waitForDiagnostics(uri('pubspec.yaml'), (d) => d.length === 1);

  it('puts the exact message and severity on the vulnerable dependency, on its constraint', async () => {
    const text = read('pubspec.yaml');
    const diagnostics = await manifestDiagnostics();
    assert.deepEqual(
      diagnostics.map((d) => [slice(text, d.range), message(d), d.severity, d.code]),
      [['^0.13.0', 'http@0.13.0: GHSA-4rgh-jx4f-qfcq (moderate); fixed in 0.13.3', DiagnosticSeverity.Warning, 'GHSA-4rgh-jx4f-qfcq']],
    );
    assert.equal(diagnostics[0]!.relatedInformation?.[0]?.location.uri, uri('pubspec.lock'));
    assert.equal(slice(read('pubspec.lock'), diagnostics[0]!.relatedInformation![0]!.location.range), '0.13.0');
  });

  it('puts a diagnostic on each vulnerable pubspec.lock entry, transitive ones included', async () => {
    const text = read('pubspec.lock');
    const diagnostics = await client.waitForDiagnostics(uri('pubspec.lock'), (d) => d.length === 2);
    assert.deepEqual(
      diagnostics.map((d) => [slice(text, d.range), message(d), d.severity, d.relatedInformation?.length ?? 0]).sort(),
      [
        ['0.13.0', 'http@0.13.0: GHSA-4rgh-jx4f-qfcq (moderate); fixed in 0.13.3', DiagnosticSeverity.Warning, 1],
        ['4.0.6', 'dio@4.0.6: GHSA-9324-jv53-9cc8 (high); fixed in 5.0.0', DiagnosticSeverity.Error, 0],
      ],
    );
  });

  it('hovers with the advisory, severity, fixed version and dependency path', async () => {
    const text = read('pubspec.yaml');
    const line = text.split('\n').findIndex((l) => l.trim().startsWith('http:'));
    const hover = hoverText(await client.hover(uri('pubspec.yaml'), { line, character: text.split('\n')[line]!.indexOf('^0.13.0') + 1 }));
    for (const expected of [
      '**http** · 0.13.0 · resolved in pubspec.lock',
      'Requirement: `^0.13.0`',
      '**[GHSA-4rgh-jx4f-qfcq](https://osv.dev/vulnerability/GHSA-4rgh-jx4f-qfcq)** (CVE-2020-35669) · MODERATE',
      'http before 0.13.3 vulnerable to header injection',
      'Fixed in: 0.13.3',
      '- weather_cli > http',
    ]) {
      assert.ok(hover.includes(expected), `hover lacks ${expected}:\n${hover}`);
    }
    const lock = read('pubspec.lock');
    const dioLine = lock.split('\n').indexOf('  dio:') + 6;
    const lockHover = hoverText(await client.hover(uri('pubspec.lock'), { line: dioLine, character: 15 }));
    for (const expected of ['**dio** · 4.0.6 · locked in pubspec.lock', 'GHSA-9324-jv53-9cc8', 'CVE-2021-31402', 'HIGH', 'Upgrade to **5.0.0** to fix it (major version change).']) {
      assert.ok(lockHover.includes(expected), `lockfile hover lacks ${expected}:\n${lockHover}`);
    }
  });

  it('upgrades the constraint keeping its caret; the lockfile then shows as out of date', async () => {
    const original = read('pubspec.yaml');
    const [http] = await manifestDiagnostics();
    const actions = await client.fixActions(uri('pubspec.yaml'), http!.range, [http!]);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Upgrade http to 0.13.3 (fixes 1 vulnerability)', true]]);
    const edited = applyEdits(original, actions[0]!.edit!.changes![uri('pubspec.yaml')]!);
    assert.equal(edited, original.replace('  http: ^0.13.0\n', '  http: ^0.13.3\n'));
    const reparsed = parseDependencyFile(ws.path('pubspec.yaml'), edited)!.result;
    assert.deepEqual(reparsed.errors, []);
    assert.equal(reparsed.packages.find((p) => p.name === 'http')?.requirement, '^0.13.3');

    await client.change(uri('pubspec.yaml'), edited);
    const after = await client.waitForDiagnostics(uri('pubspec.yaml'), (d) => !d.some((x) => message(x).startsWith('http@')));
    assert.deepEqual(after.map((d) => [slice(edited, d.range), message(d)]), [['^0.13.3', `pubspec.lock is out of date: it locks http@0.13.0, which ^0.13.3 does not allow; ${STALE_HINT}`]]);
    await client.change(uri('pubspec.yaml'), original);
    await manifestDiagnostics();
  });

  it('offers the same upgrade from the lockfile entry, written to pubspec.yaml', async () => {
    const lock = (await client.waitForDiagnostics(uri('pubspec.lock'), (d) => d.length === 2)).find((d) => message(d).startsWith('http@'))!;
    const actions = await client.fixActions(uri('pubspec.lock'), lock.range, [lock]);
    assert.deepEqual(actions.map((a) => a.title), ['Upgrade http to 0.13.3 (fixes 1 vulnerability) in pubspec.yaml']);
    assert.equal(applyEdits(read('pubspec.yaml'), actions[0]!.edit!.changes![uri('pubspec.yaml')]!), read('pubspec.yaml').replace('^0.13.0', '^0.13.3'));
  });
});
