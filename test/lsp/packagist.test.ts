import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { parseDependencyFile } from '../../server/src/analysis/dependency-file';
import { applyEdits } from '../../server/src/core/edits';
import { hoverText, message, slice, STALE_HINT } from '../support/lsp-diagnostic-text';
import { serveFixture } from '../support/lsp-fixture-server';

/** A Composer project: composer.json + composer.lock (Guzzle pulling in a vulnerable guzzlehttp/psr7). */
const FIXTURE = join(__dirname, '../fixtures/lsp/packagist');

describe('language server over stdio: Packagist (composer.json + composer.lock)', function () {
  this.timeout(20_000);
  const { client, ws, uri, read } = serveFixture(FIXTURE, { path: 'composer.json', languageId: 'json' });

  const manifestDiagnostics = () => client.waitForDiagnostics(uri('composer.json'), (d) => d.length === 2);

  it('puts the exact message and severity on each vulnerable requirement, on its constraint', async () => {
    const text = read('composer.json');
    const diagnostics = await manifestDiagnostics();
    assert.deepEqual(
      diagnostics.map((d) => [slice(text, d.range), message(d), d.severity, d.code]).sort(),
      [
        ['^3.14', 'google/protobuf@v3.14.0: GHSA-77rm-9x9h-xj3g (high); fixed in 3.15.0', DiagnosticSeverity.Error, 'GHSA-77rm-9x9h-xj3g'],
        ['^7.4', 'guzzlehttp/guzzle@7.4.5 pulls in guzzlehttp/psr7@2.4.0: GHSA-wxmh-65f7-jcvw (moderate); fixed in guzzlehttp/psr7 2.4.5', DiagnosticSeverity.Warning, 'GHSA-wxmh-65f7-jcvw'],
      ],
    );
    // Platform requirements (php, ext-json) are not packages.
    assert.ok(!diagnostics.some((d) => /php|ext-json/.test(slice(text, d.range))));
    const guzzle = diagnostics.find((d) => message(d).startsWith('guzzlehttp/guzzle'))!;
    assert.equal(guzzle.relatedInformation?.[0]?.location.uri, uri('composer.lock'));
    assert.equal(slice(read('composer.lock'), guzzle.relatedInformation![0]!.location.range), '2.4.0');
  });

  it('puts a diagnostic on each vulnerable composer.lock package, on its version', async () => {
    const text = read('composer.lock');
    const diagnostics = await client.waitForDiagnostics(uri('composer.lock'), (d) => d.length === 2);
    assert.deepEqual(
      diagnostics.map((d) => [slice(text, d.range), message(d), d.relatedInformation?.map((r) => slice(read('composer.json'), r.location.range))]).sort(),
      [
        ['2.4.0', 'guzzlehttp/psr7@2.4.0: GHSA-wxmh-65f7-jcvw (moderate); fixed in 2.4.5', ['^7.4']],
        ['v3.14.0', 'google/protobuf@v3.14.0: GHSA-77rm-9x9h-xj3g (high); fixed in 3.15.0', ['^3.14']],
      ],
    );
  });

  it('hovers with the advisory, its aliases, the fixed version and the dependency paths', async () => {
    const text = read('composer.json');
    const line = text.split('\n').findIndex((l) => l.includes('"guzzlehttp/guzzle"'));
    const hover = hoverText(await client.hover(uri('composer.json'), { line, character: text.split('\n')[line]!.indexOf('^7.4') + 1 }));
    for (const expected of [
      '**guzzlehttp/guzzle** · 7.4.5 · resolved in composer.lock',
      'Requirement: `^7.4`',
      '**Pulls in guzzlehttp/psr7@2.4.0 (guzzlehttp/guzzle > guzzlehttp/psr7)**',
      '**[GHSA-wxmh-65f7-jcvw](https://osv.dev/vulnerability/GHSA-wxmh-65f7-jcvw)** (CVE-2023-29197) · MODERATE 5.3',
      'Improper header name validation in guzzlehttp/psr7',
      'Affected: <1.9.1; >=2.0.0, <2.4.5 · Fixed in: 2.4.5',
      '- acme/billing > guzzlehttp/guzzle',
    ]) {
      assert.ok(hover.includes(expected), `hover lacks ${expected}:\n${hover}`);
    }
  });

  it('upgrades a direct requirement keeping its caret; the lockfile then shows as out of date', async () => {
    const original = read('composer.json');
    const protobuf = (await manifestDiagnostics()).find((d) => message(d).startsWith('google/protobuf'))!;
    const actions = await client.fixActions(uri('composer.json'), protobuf.range, [protobuf]);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Upgrade google/protobuf to 3.15.0 (fixes 1 vulnerability)', true]]);
    const edited = applyEdits(original, actions[0]!.edit!.changes![uri('composer.json')]!);
    assert.equal(edited, original.replace('"google/protobuf": "^3.14"', '"google/protobuf": "^3.15.0"'));
    assert.equal(JSON.parse(edited).require['google/protobuf'], '^3.15.0');
    assert.deepEqual(parseDependencyFile(ws.path('composer.json'), edited)!.result.errors, []);

    await client.change(uri('composer.json'), edited);
    const after = await client.waitForDiagnostics(uri('composer.json'), (d) => !d.some((x) => message(x).startsWith('google/protobuf@')));
    assert.deepEqual(
      after.filter((d) => slice(edited, d.range) === '^3.15.0').map(message),
      [`composer.lock is out of date: it locks google/protobuf@v3.14.0, which ^3.15.0 does not allow; ${STALE_HINT}`],
    );
    await client.change(uri('composer.json'), original);
    await manifestDiagnostics();
  });

  it('forbids the vulnerable versions of a transitive package with a `conflict` entry', async () => {
    const original = read('composer.json');
    const guzzle = (await manifestDiagnostics()).find((d) => message(d).startsWith('guzzlehttp/guzzle'))!;
    const actions = await client.fixActions(uri('composer.json'), guzzle.range, [guzzle]);
    const title = 'Add a Composer conflict: guzzlehttp/psr7 <2.4.5';
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [[title, true]]);
    assert.deepEqual(await client.commandRun(actions[0]!.command), { title, command: 'chainsight.runFixCommand', run: { command: 'composer', args: ['update', 'guzzlehttp/psr7', '--with-dependencies'], cwd: dirname(ws.path('composer.json')), lockfile: ws.path('composer.json') } });
    const edited = applyEdits(original, actions[0]!.edit!.changes![uri('composer.json')]!);
    assert.deepEqual(JSON.parse(edited), { ...JSON.parse(original), conflict: { 'guzzlehttp/psr7': '<2.4.5' } });
    assert.match(edited, /\n {4}\},\n {4}"conflict": \{\n {8}"guzzlehttp\/psr7": "<2\.4\.5"\n {4}\}\n\}\n$/);
    const reparsed = parseDependencyFile(ws.path('composer.json'), edited)!.result;
    assert.deepEqual(reparsed.errors, []);
    // A conflict is not a dependency.
    assert.deepEqual(reparsed.packages.map((p) => p.name).sort(), ['google/protobuf', 'guzzlehttp/guzzle']);

    // Once written, the conflict is read back: the finding leaves guzzle, and the lockfile that still
    // holds the excluded version is flagged on the conflict itself until `composer update` runs.
    await client.change(uri('composer.json'), edited);
    const after = await client.waitForDiagnostics(uri('composer.json'), (d) => !d.some((x) => message(x).startsWith('guzzlehttp/guzzle')));
    assert.deepEqual(
      after.map((d) => [slice(edited, d.range), message(d)]).sort(),
      [
        ['<2.4.5', `composer.lock is out of date: it still locks guzzlehttp/psr7@2.4.0, which the conflict <2.4.5 excludes; ${STALE_HINT}`],
        ['^3.14', 'google/protobuf@v3.14.0: GHSA-77rm-9x9h-xj3g (high); fixed in 3.15.0'],
      ],
    );
    await client.change(uri('composer.json'), original);
    await manifestDiagnostics();
  });
});
