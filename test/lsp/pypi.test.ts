import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { parseDependencyFile } from '../../server/src/analysis/dependency-file';
import { applyEdits } from '../../server/src/core/edits';
import { hoverText, message, slice, STALE_HINT } from '../support/lsp-diagnostic-text';
import { serveFixture } from '../support/lsp-fixture-server';

/** A uv workspace: the root project and `packages/station` share the root uv.lock. */
const FIXTURE = join(__dirname, '../fixtures/lsp/pypi');

describe('language server over stdio: PyPI (pyproject.toml + uv.lock workspace)', function () {
  this.timeout(20_000);
  const { client, ws, uri, read } = serveFixture(FIXTURE, { path: 'pyproject.toml', languageId: 'toml' });

  const rootDiagnostics = () => client.waitForDiagnostics(uri('pyproject.toml'), (d) => d.length === 3);

  it('puts the exact message, severity and code on each vulnerable root dependency, on its specifier', async () => {
    const text = read('pyproject.toml');
    const diagnostics = await rootDiagnostics();
    const rows = diagnostics.map((d) => ({ at: slice(text, d.range), message: message(d), severity: d.severity, code: d.code }));
    assert.deepEqual(
      rows.sort((a, b) => a.message.localeCompare(b.message)),
      [
        { at: '>=5.3', message: 'pyyaml@5.3: 2 vulnerabilities (2 unknown); fixed in 5.4', severity: DiagnosticSeverity.Warning, code: 'GHSA-6757-jp84-gxfx' },
        {
          at: '>=2.31.0',
          message: 'requests@2.31.0 pulls in urllib3@1.26.4: 3 vulnerabilities (1 high, 1 moderate, 1 unknown); fixed in urllib3 1.26.18',
          severity: DiagnosticSeverity.Error,
          code: 'GHSA-v845-jxx5-vc9f',
        },
        // A workspace member has no specifier: the range is its name, where a fix would insert one.
        { at: 'station', message: 'station@0.2.0 pulls in jinja2@2.11.2: GHSA-g3rq-g295-4j3m (unknown); fixed in jinja2 2.11.3', severity: DiagnosticSeverity.Warning, code: 'GHSA-g3rq-g295-4j3m' },
      ],
    );
    const requests = diagnostics.find((d) => message(d).startsWith('requests@'))!;
    assert.equal(requests.codeDescription?.href, 'https://osv.dev/vulnerability/GHSA-v845-jxx5-vc9f');
    assert.equal(requests.relatedInformation?.[0]?.location.uri, uri('uv.lock'));
    assert.equal(slice(read('uv.lock'), requests.relatedInformation![0]!.location.range), '1.26.4');
  });

  it('puts a diagnostic on each vulnerable uv.lock entry, on its version', async () => {
    const text = read('uv.lock');
    const diagnostics = await client.waitForDiagnostics(uri('uv.lock'), (d) => d.length === 3);
    assert.deepEqual(
      diagnostics.map((d) => [slice(text, d.range), message(d)]).sort(),
      [
        ['1.26.4', 'urllib3@1.26.4: 3 vulnerabilities (1 high, 1 moderate, 1 unknown); fixed in 1.26.18'],
        ['2.11.2', 'jinja2@2.11.2: GHSA-g3rq-g295-4j3m (unknown); fixed in 2.11.3'],
        ['5.3', 'pyyaml@5.3: 2 vulnerabilities (2 unknown); fixed in 5.4'],
      ],
    );
    const urllib3 = diagnostics.find((d) => message(d).startsWith('urllib3@'))!;
    assert.equal(urllib3.severity, DiagnosticSeverity.Error);
    // The lockfile entry leads back to the line that pulls it in.
    assert.deepEqual(
      urllib3.relatedInformation?.map((r) => [r.location.uri, slice(read('pyproject.toml'), r.location.range), r.message]),
      [[uri('pyproject.toml'), '>=2.31.0', 'declared in pyproject.toml']],
    );
  });

  it('pairs a workspace member manifest with the root uv.lock', async () => {
    const member = 'packages/station/pyproject.toml';
    const diagnostics = await client.waitForDiagnostics(uri(member), (d) => d.length === 1);
    assert.equal(message(diagnostics[0]!), 'jinja2@2.11.2: GHSA-g3rq-g295-4j3m (unknown); fixed in 2.11.3');
    assert.equal(slice(read(member), diagnostics[0]!.range), '==2.11.2');
    assert.equal(diagnostics[0]!.relatedInformation?.[0]?.location.uri, uri('uv.lock'));
    const hover = hoverText(await client.hover(uri(member), diagnostics[0]!.range.start));
    assert.ok(hover.includes('**jinja2** · 2.11.2 · resolved in uv.lock'), hover);
    assert.ok(hover.includes('station > jinja2'), hover);
  });

  it('hovers a direct dependency with advisory ids, severity, fixed versions and the dependency path', async () => {
    const text = read('pyproject.toml');
    const line = text.split('\n').findIndex((l) => l.includes('PyYAML'));
    const hover = hoverText(await client.hover(uri('pyproject.toml'), { line, character: text.split('\n')[line]!.indexOf('5.3') }));
    for (const expected of [
      '**pyyaml** · 5.3 · resolved in uv.lock',
      'Requirement: `>=5.3`',
      'GHSA-6757-jp84-gxfx',
      'PYSEC-2020-96',
      'GHSA-8q59-q68h-6hv4',
      'CVE-2020-14343',
      'UNKNOWN',
      'Fixed in: 5.3.1',
      'Fixed in: 5.4',
      'Upgrade to **5.4** to fix all 2',
      '- weather-api > pyyaml',
    ]) {
      assert.ok(hover.includes(expected), `hover lacks ${expected}:\n${hover}`);
    }
  });

  it('hovers a dependency with the transitive package it pulls in and the path to it', async () => {
    const text = read('pyproject.toml');
    const line = text.split('\n').findIndex((l) => l.includes('"requests'));
    const hover = hoverText(await client.hover(uri('pyproject.toml'), { line, character: text.split('\n')[line]!.indexOf('2.31.0') }));
    for (const expected of ['**Pulls in urllib3@1.26.4 (requests > urllib3)**', 'GHSA-v845-jxx5-vc9f', 'HIGH', 'MODERATE', 'Fixed in: 1.26.17', 'Upgrade to **1.26.18** to fix all 3']) {
      assert.ok(hover.includes(expected), `hover lacks ${expected}:\n${hover}`);
    }
  });

  it('upgrades a direct dependency in place; the lockfile then shows as out of date', async () => {
    const path = 'pyproject.toml';
    const original = read(path);
    const pyyaml = (await rootDiagnostics()).find((d) => message(d).startsWith('pyyaml@'))!;
    const actions = await client.fixActions(uri(path), pyyaml.range, [pyyaml]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [['Upgrade pyyaml to 5.4 (fixes 2 vulnerabilities)', true]],
    );
    assert.deepEqual(actions[0]!.diagnostics?.map((d) => d.code), ['GHSA-6757-jp84-gxfx']);
    const edited = applyEdits(original, actions[0]!.edit!.changes![uri(path)]!);
    assert.equal(edited, original.replace('"PyYAML>=5.3"', '"PyYAML>=5.4"'));
    const reparsed = parseDependencyFile(ws.path(path), edited)!.result;
    assert.deepEqual(reparsed.errors, []);
    assert.equal(reparsed.packages.find((p) => p.name === 'pyyaml')?.requirement, '>=5.4');

    await client.change(uri(path), edited);
    const after = await client.waitForDiagnostics(uri(path), (d) => !d.some((x) => message(x).startsWith('pyyaml@')));
    assert.deepEqual(
      after.filter((d) => slice(edited, d.range) === '>=5.4').map(message),
      [`uv.lock is out of date: it records pyyaml@>=5.3, not >=5.4; ${STALE_HINT}`],
    );
    await client.change(uri(path), original);
    await rootDiagnostics();
  });

  it('constrains a transitive package with [tool.uv] constraint-dependencies and offers `uv lock`', async () => {
    const path = 'pyproject.toml';
    const original = read(path);
    const requests = (await rootDiagnostics()).find((d) => message(d).startsWith('requests@'))!;
    const actions = await client.fixActions(uri(path), requests.range, [requests]);
    const title = 'Constrain urllib3 to >=1.26.18 in [tool.uv] constraint-dependencies';
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [[title, true]]);
    assert.deepEqual(await client.commandRun(actions[0]!.command), { title, command: 'chainsight.runFixCommand', run: { command: 'uv', args: ['lock'], cwd: dirname(ws.path(path)), lockfile: ws.path(path) } });
    const edited = applyEdits(original, actions[0]!.edit!.changes![uri(path)]!);
    assert.equal(edited, `${original}\n[tool.uv]\nconstraint-dependencies = ["urllib3>=1.26.18"]\n`);
    const reparsed = parseDependencyFile(ws.path(path), edited)!.result;
    assert.deepEqual(reparsed.errors, []);
    assert.deepEqual(reparsed.project?.overrides?.map((o) => [o.name, o.requirement]), [['urllib3', '>=1.26.18']]);

    await client.change(uri(path), edited);
    const after = await client.waitForDiagnostics(uri(path), (d) => !d.some((x) => message(x).startsWith('requests@')));
    assert.deepEqual(
      after.filter((d) => d.range.start.line > original.split('\n').length - 2).map((d) => [slice(edited, d.range), message(d)]),
      [['>=1.26.18', `uv.lock is out of date: it still locks urllib3@1.26.4, which the override >=1.26.18 replaces; ${STALE_HINT}`]],
    );
    await client.change(uri(path), original);
    await rootDiagnostics();
  });

  it('upgrades a member dependency from a uv.lock entry, writing to the member manifest', async () => {
    const member = 'packages/station/pyproject.toml';
    const lock = (await client.waitForDiagnostics(uri('uv.lock'), (d) => d.length === 3)).find((d) => message(d).startsWith('jinja2@'))!;
    const actions = await client.fixActions(uri('uv.lock'), lock.range, [lock]);
    const upgrade = actions.find((a) => a.title === 'Upgrade jinja2 to 2.11.3 (fixes 1 vulnerability) in packages/station/pyproject.toml');
    assert.ok(upgrade, actions.map((a) => a.title).join('\n'));
    const edited = applyEdits(read(member), upgrade.edit!.changes![uri(member)]!);
    assert.equal(edited, read(member).replace('"jinja2==2.11.2"', '"jinja2==2.11.3"'));
    assert.deepEqual(parseDependencyFile(ws.path(member), edited)!.result.errors, []);
  });
});
