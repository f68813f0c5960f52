import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { parseDependencyFile } from '../../server/src/analysis/dependency-file';
import { applyEdits } from '../../server/src/core/edits';
import { hoverText, message, slice, STALE_HINT } from '../support/lsp-diagnostic-text';
import { serveFixture } from '../support/lsp-fixture-server';

/**
 * An SDK-style project with `RestorePackagesWithLockFile`: packages.lock.json records each
 * `Version="x"` as `"requested": "[x, )"`, NuGet's own form of the same requirement.
 */
const FIXTURE = join(__dirname, '../fixtures/lsp/nuget');
const PROJECT = 'Billing.Api.csproj';
const LOCK = 'packages.lock.json';

describe('language server over stdio: NuGet (*.csproj + packages.lock.json)', function () {
  this.timeout(20_000);
  const { client, ws, uri, read } = serveFixture(FIXTURE, { path: PROJECT, languageId: 'xml' });

  const projectDiagnostics = () => client.waitForDiagnostics(uri(PROJECT), (d) => d.length === 2);

  it('reads a fresh lockfile as fresh and puts the findings on each PackageReference version', async () => {
    const text = read(PROJECT);
    const diagnostics = await projectDiagnostics();
    assert.deepEqual(
      diagnostics.map((d) => [slice(text, d.range), message(d), d.severity, d.code]).sort(),
      [
        ['3.1.10', 'Microsoft.AspNetCore.JsonPatch@3.1.10 pulls in Newtonsoft.Json@12.0.2: GHSA-5crp-9r3c-p9vr (low); fixed in Newtonsoft.Json 13.0.1', DiagnosticSeverity.Information, 'GHSA-5crp-9r3c-p9vr'],
        ['3.14.0', 'Google.Protobuf@3.14.0: GHSA-77rm-9x9h-xj3g (high); fixed in 3.15.0', DiagnosticSeverity.Error, 'GHSA-77rm-9x9h-xj3g'],
      ],
    );
    const jsonPatch = diagnostics.find((d) => message(d).startsWith('Microsoft.AspNetCore.JsonPatch'))!;
    assert.equal(jsonPatch.relatedInformation?.[0]?.location.uri, uri(LOCK));
    assert.equal(slice(read(LOCK), jsonPatch.relatedInformation![0]!.location.range), '12.0.2');
  });

  it('puts a diagnostic on each vulnerable packages.lock.json entry, on its resolved version', async () => {
    const text = read(LOCK);
    const diagnostics = await client.waitForDiagnostics(uri(LOCK), (d) => d.length === 2);
    assert.deepEqual(
      diagnostics.map((d) => [slice(text, d.range), message(d), d.relatedInformation?.map((r) => slice(read(PROJECT), r.location.range))]).sort(),
      [
        ['12.0.2', 'Newtonsoft.Json@12.0.2: GHSA-5crp-9r3c-p9vr (low); fixed in 13.0.1', ['3.1.10']],
        ['3.14.0', 'Google.Protobuf@3.14.0: GHSA-77rm-9x9h-xj3g (high); fixed in 3.15.0', ['3.14.0']],
      ],
    );
  });

  it('hovers with the advisory, its aliases, the affected range, the fixed version and the path', async () => {
    const text = read(PROJECT);
    const line = text.split('\n').findIndex((l) => l.includes('"Google.Protobuf"'));
    const hover = hoverText(await client.hover(uri(PROJECT), { line, character: text.split('\n')[line]!.indexOf('3.14.0') + 1 }));
    for (const expected of [
      '**Google.Protobuf** · 3.14.0 · resolved in packages.lock.json',
      '**[GHSA-77rm-9x9h-xj3g](https://osv.dev/vulnerability/GHSA-77rm-9x9h-xj3g)** (PYSEC-2022-48, CVE-2021-22570) · HIGH 7.5',
      'NULL Pointer Dereference in Protocol Buffers',
      // The record also lists every affected version; the range already says it.
      'Affected: <3.15.0 · Fixed in: 3.15.0',
      'Upgrade to **3.15.0** to fix it.',
      '- Billing.Api > Google.Protobuf',
    ]) {
      assert.ok(hover.includes(expected), `hover lacks ${expected}:\n${hover}`);
    }
    const lockLine = read(LOCK).split('\n').findIndex((l) => l.includes('"Newtonsoft.Json": {'));
    const lockHover = hoverText(await client.hover(uri(LOCK), { line: lockLine, character: 8 }));
    assert.ok(lockHover.includes('- Billing.Api > Microsoft.AspNetCore.JsonPatch > Newtonsoft.Json'), lockHover);
    assert.ok(lockHover.includes('Upgrade to **13.0.1** to fix it (major version change).'), lockHover);
  });

  it('upgrades a PackageReference version in place; the lockfile then shows as out of date', async () => {
    const original = read(PROJECT);
    const protobuf = (await projectDiagnostics()).find((d) => message(d).startsWith('Google.Protobuf@'))!;
    const actions = await client.fixActions(uri(PROJECT), protobuf.range, [protobuf]);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Upgrade Google.Protobuf to 3.15.0 (fixes 1 vulnerability)', true]]);
    const edited = applyEdits(original, actions[0]!.edit!.changes![uri(PROJECT)]!);
    assert.equal(edited, original.replace('Include="Google.Protobuf" Version="3.14.0"', 'Include="Google.Protobuf" Version="3.15.0"'));
    const reparsed = parseDependencyFile(ws.path(PROJECT), edited)!.result;
    assert.deepEqual(reparsed.errors, []);
    assert.equal(reparsed.packages.find((p) => p.name === 'Google.Protobuf')?.version, '3.15.0');

    await client.change(uri(PROJECT), edited);
    const after = await client.waitForDiagnostics(uri(PROJECT), (d) => !d.some((x) => message(x).startsWith('Google.Protobuf@')));
    assert.deepEqual(
      after.filter((d) => slice(edited, d.range) === '3.15.0').map(message),
      [`packages.lock.json is out of date: it records Google.Protobuf@[3.14.0, ), not 3.15.0; ${STALE_HINT}`],
    );
    await client.change(uri(PROJECT), original);
    await projectDiagnostics();
  });

  it('references a transitive package directly to override it (direct dependencies win in NuGet)', async () => {
    const original = read(PROJECT);
    const jsonPatch = (await projectDiagnostics()).find((d) => message(d).startsWith('Microsoft.AspNetCore.JsonPatch'))!;
    const actions = await client.fixActions(uri(PROJECT), jsonPatch.range, [jsonPatch]);
    const title = 'Reference Newtonsoft.Json 13.0.1 directly (direct dependencies win in NuGet)';
    // 12 → 13 is a major version: offered, not preferred.
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [[`${title} (new major version)`, false]]);
    assert.deepEqual(await client.commandRun(actions[0]!.command), { title, command: 'chainsight.runFixCommand', run: { command: 'dotnet', args: ['restore', '--force-evaluate'], cwd: dirname(ws.path(PROJECT)), lockfile: ws.path(PROJECT) } });
    const edited = applyEdits(original, actions[0]!.edit!.changes![uri(PROJECT)]!);
    assert.equal(
      edited,
      original.replace(
        '<PackageReference Include="Microsoft.AspNetCore.JsonPatch" Version="3.1.10" />\n',
        '<PackageReference Include="Microsoft.AspNetCore.JsonPatch" Version="3.1.10" />\n    <PackageReference Include="Newtonsoft.Json" Version="13.0.1" />\n',
      ),
    );
    const reparsed = parseDependencyFile(ws.path(PROJECT), edited)!.result;
    assert.deepEqual(reparsed.errors, []);
    assert.equal(reparsed.packages.find((p) => p.name === 'Newtonsoft.Json')?.version, '13.0.1');

    // The direct reference moves Newtonsoft.Json for JsonPatch too, so the finding leaves JsonPatch at
    // once; the new line says the lockfile is behind until the restore.
    await client.change(uri(PROJECT), edited);
    const line = jsonPatch.range.start.line + 1;
    const after = await client.waitForDiagnostics(uri(PROJECT), (d) => d.some((x) => x.range.start.line === line));
    assert.deepEqual(
      after.filter((d) => d.range.start.line === line).map((d) => [slice(edited, d.range), message(d)]),
      [['13.0.1', `packages.lock.json is out of date: Newtonsoft.Json is not in it; ${STALE_HINT}`]],
    );
    assert.deepEqual(after.filter((d) => message(d).includes('pulls in Newtonsoft.Json')), []);
    await client.change(uri(PROJECT), original);
    await projectDiagnostics();
  });
});
