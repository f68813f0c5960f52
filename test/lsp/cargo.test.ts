import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { parseDependencyFile } from '../../server/src/analysis/dependency-file';
import { applyEdits } from '../../server/src/core/edits';
import { hoverText, message, slice, STALE_HINT } from '../support/lsp-diagnostic-text';
import { serveFixture } from '../support/lsp-fixture-server';

/** A Cargo workspace: the `relay` crate at the root and the `crates/worker` member share Cargo.lock. */
const FIXTURE = join(__dirname, '../fixtures/lsp/cargo');

describe('language server over stdio: crates.io (Cargo.toml + Cargo.lock workspace)', function () {
  this.timeout(20_000);
  const MEMBER = 'crates/worker/Cargo.toml';

  const { client, ws, uri, read } = serveFixture(FIXTURE, { path: 'Cargo.toml', languageId: 'toml' });

  const rootDiagnostics = () => client.waitForDiagnostics(uri('Cargo.toml'), (d) => d.length === 2);

  it('puts the exact message and severity on a vulnerable dependency and on the member that pulls one in', async () => {
    const text = read('Cargo.toml');
    const diagnostics = await rootDiagnostics();
    assert.deepEqual(
      diagnostics.map((d) => [slice(text, d.range), message(d), d.severity, d.code]).sort(),
      [
        ['1.5.4', 'regex@1.5.4: RUSTSEC-2022-0013 (high); fixed in 1.5.5', DiagnosticSeverity.Error, 'RUSTSEC-2022-0013'],
        // A path dependency has no version: the range is its key.
        ['worker', 'worker@0.1.0 pulls in crossbeam-utils@0.8.5: RUSTSEC-2022-0041 (high); fixed in crossbeam-utils 0.8.7', DiagnosticSeverity.Error, 'RUSTSEC-2022-0041'],
      ],
    );
    const regex = diagnostics.find((d) => message(d).startsWith('regex@'))!;
    assert.equal(regex.relatedInformation?.[0]?.location.uri, uri('Cargo.lock'));
    assert.equal(slice(read('Cargo.lock'), regex.relatedInformation![0]!.location.range), '1.5.4');
  });

  it('pairs a workspace member manifest with the root Cargo.lock', async () => {
    const diagnostics = await client.waitForDiagnostics(uri(MEMBER), (d) => d.length === 1);
    assert.deepEqual(
      diagnostics.map((d) => [slice(read(MEMBER), d.range), message(d), d.severity]),
      [['0.5.1', 'crossbeam-channel@0.5.1 pulls in crossbeam-utils@0.8.5: RUSTSEC-2022-0041 (high); fixed in crossbeam-utils 0.8.7', DiagnosticSeverity.Error]],
    );
    assert.equal(diagnostics[0]!.relatedInformation?.[0]?.location.uri, uri('Cargo.lock'));
  });

  it('puts a diagnostic on each vulnerable Cargo.lock entry', async () => {
    const text = read('Cargo.lock');
    const diagnostics = await client.waitForDiagnostics(uri('Cargo.lock'), (d) => d.length === 2);
    assert.deepEqual(
      diagnostics.map((d) => [slice(text, d.range), message(d)]).sort(),
      [
        ['0.8.5', 'crossbeam-utils@0.8.5: RUSTSEC-2022-0041 (high); fixed in 0.8.7'],
        ['1.5.4', 'regex@1.5.4: RUSTSEC-2022-0013 (high); fixed in 1.5.5'],
      ],
    );
    const utils = diagnostics.find((d) => message(d).startsWith('crossbeam-utils@'))!;
    assert.deepEqual(utils.relatedInformation?.map((r) => [r.location.uri, slice(read(MEMBER), r.location.range)]), [[uri(MEMBER), '0.5.1']]);
  });

  it('hovers with the grouped advisory ids, severity, fixed version and dependency paths', async () => {
    const text = read('Cargo.toml');
    const line = text.split('\n').findIndex((l) => l.startsWith('regex'));
    const hover = hoverText(await client.hover(uri('Cargo.toml'), { line, character: text.split('\n')[line]!.indexOf('1.5.4') }));
    for (const expected of ['**regex** · 1.5.4 · resolved in Cargo.lock', '**[RUSTSEC-2022-0013](https://osv.dev/vulnerability/RUSTSEC-2022-0013)** (GHSA-m5pq-gvj9-9vr8, CVE-2022-24713) · HIGH', 'Fixed in: 1.5.5', '- relay > regex']) {
      assert.ok(hover.includes(expected), `hover lacks ${expected}:\n${hover}`);
    }
    const lock = read('Cargo.lock');
    const utilsLine = lock.split('\n').findIndex((l) => l === 'name = "crossbeam-utils"') + 1;
    const lockHover = hoverText(await client.hover(uri('Cargo.lock'), { line: utilsLine, character: 12 }));
    for (const expected of ['**crossbeam-utils** · 0.8.5 · locked in Cargo.lock', 'RUSTSEC-2022-0041', 'GHSA-qc84-gqf4-9926', '- worker > crossbeam-channel > crossbeam-utils', '- relay > worker > crossbeam-channel > crossbeam-utils']) {
      assert.ok(lockHover.includes(expected), `lockfile hover lacks ${expected}:\n${lockHover}`);
    }
  });

  it('upgrades a direct dependency in place; the lockfile then shows as out of date', async () => {
    const original = read('Cargo.toml');
    const regex = (await rootDiagnostics()).find((d) => message(d).startsWith('regex@'))!;
    const actions = await client.fixActions(uri('Cargo.toml'), regex.range, [regex]);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Upgrade regex to 1.5.5 (fixes 1 vulnerability)', true]]);
    const edited = applyEdits(original, actions[0]!.edit!.changes![uri('Cargo.toml')]!);
    assert.equal(edited, original.replace('regex = "1.5.4"', 'regex = "1.5.5"'));
    const reparsed = parseDependencyFile(ws.path('Cargo.toml'), edited)!.result;
    assert.deepEqual(reparsed.errors, []);
    assert.equal(reparsed.packages.find((p) => p.name === 'regex')?.requirement, '1.5.5');

    await client.change(uri('Cargo.toml'), edited);
    const after = await client.waitForDiagnostics(uri('Cargo.toml'), (d) => !d.some((x) => message(x).startsWith('regex@')));
    assert.deepEqual(
      after.filter((d) => slice(edited, d.range) === '1.5.5').map(message),
      [`Cargo.lock is out of date: it locks regex@1.5.4, which 1.5.5 does not allow; ${STALE_HINT}`],
    );
    await client.change(uri('Cargo.toml'), original);
    await rootDiagnostics();
  });

  it('offers `cargo update --precise` for a transitive crate (Cargo has no override to write)', async () => {
    const [channel] = await client.waitForDiagnostics(uri(MEMBER), (d) => d.length === 1);
    const actions = await client.fixActions(uri(MEMBER), channel!.range, [channel!]);
    const title = 'Update crossbeam-utils to 0.8.7 in Cargo.lock (cargo update -p crossbeam-utils --precise 0.8.7)';
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred, a.edit]), [[title, false, undefined]]);
    assert.deepEqual(await client.commandRun(actions[0]!.command), { title, command: 'chainsight.runFixCommand', run: { command: 'cargo', args: ['update', '-p', 'crossbeam-utils', '--precise', '0.8.7'], cwd: dirname(ws.path(MEMBER)), lockfile: ws.path(MEMBER) } });
  });
});
