import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/src/core/edits';
import { fileUri, LspTestClient } from '../support/lsp-client';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const EXAMPLE = join(__dirname, '../../examples/npm-app');
const SETTINGS = { osv: { offlineData: './osv' } };

/** LSP 3.18 allows Markdown diagnostic messages; ours are plain text. */
const text = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const messages = (list: Diagnostic[]) => list.map(text).sort();
const textAt = (text: string, d: Diagnostic) => text.split('\n')[d.range.start.line]!.slice(d.range.start.character, d.range.end.character);

describe('language server over stdio: npm project', function () {
  let ws: TempWorkspace;
  let client: LspTestClient;
  let manifestUri: string;
  let lockUri: string;
  let manifestText: string;

  beforeEach(async () => {
    ws = tempWorkspace({ '.': { copyFrom: EXAMPLE } });
    manifestUri = fileUri(ws.path('package.json'));
    lockUri = fileUri(ws.path('package-lock.json'));
    manifestText = readFileSync(ws.path('package.json'), 'utf8');
    client = await LspTestClient.start(ws.root, SETTINGS);
    await client.waitForStatus((s) => s.state === 'ready');
    await client.open(manifestUri, manifestText);
  });

  afterEach(async () => {
    await client.stop();
    ws.dispose();
  });

  it('puts one diagnostic on each vulnerable direct dependency, with exact message, range, severity and code', async () => {
    const diagnostics = await client.waitForDiagnostics(manifestUri, (d) => d.length === 6);
    const byName = new Map(diagnostics.map((d) => [textAt(manifestText, d), d]));
    assert.deepEqual(messages(diagnostics), [
      'body-parser@1.9.0: GHSA-qwcr-r2fm-qrc7 (high); fixed in 1.20.3',
      'express@4.12.4: GHSA-rv95-896h-c2vc (moderate); fixed in 4.19.2; also pulls in 3 vulnerable packages (cookie@0.1.2, send@0.12.3, serve-static@1.9.3): 3 vulnerabilities (3 low)',
      'humanize-ms@1.0.1 pulls in ms@0.6.2: GHSA-3fx5-fwvr-xrjg (high); fixed in ms 0.7.1',
      'jquery@2.2.4: 2 vulnerabilities (2 moderate); fixed in 3.5.0',
      'lodash@4.17.4: 3 vulnerabilities (1 critical, 2 high); fixed in 4.17.21',
      'moment@2.15.1: GHSA-8hfj-j24r-96c4 (high); fixed in 2.29.2',
    ]);
    const lodash = byName.get('4.17.4')!;
    assert.equal(lodash.severity, DiagnosticSeverity.Error);
    assert.equal(lodash.code, 'GHSA-jf85-cpcp-j695');
    assert.equal(lodash.codeDescription?.href, 'https://osv.dev/vulnerability/GHSA-jf85-cpcp-j695');
    assert.equal(lodash.source, 'chainsight');
    assert.equal(byName.get('4.12.4')!.severity, DiagnosticSeverity.Warning);
    // Related information leads from the manifest line to the lockfile entry.
    const related = byName.get('1.0.1')!.relatedInformation!;
    assert.equal(related.length, 1);
    assert.equal(related[0]!.location.uri, lockUri);
    assert.equal(textAt(readFileSync(ws.path('package-lock.json'), 'utf8'), { range: related[0]!.location.range } as Diagnostic), '0.6.2');
  });

  it('puts a diagnostic on every vulnerable lockfile entry, even when the lockfile is not open', async () => {
    const diagnostics = await client.waitForDiagnostics(lockUri, (d) => d.length > 0);
    const lockText = readFileSync(ws.path('package-lock.json'), 'utf8');
    assert.deepEqual(diagnostics.map((d) => textAt(lockText, d)).sort(), ['0.1.2', '0.12.3', '0.6.2', '1.9.0', '1.9.3', '2.15.1', '2.2.4', '4.12.4', '4.17.4']);
    const ms = diagnostics.find((d) => text(d).startsWith('ms@'))!;
    assert.equal(text(ms), 'ms@0.6.2: GHSA-3fx5-fwvr-xrjg (high); fixed in 0.7.1');
    assert.equal(ms.relatedInformation?.[0]?.location.uri, manifestUri);
  });

  it('hovers with the resolved version, every vulnerability and the dependency paths', async () => {
    await client.waitForDiagnostics(manifestUri, (d) => d.length === 6);
    const line = manifestText.split('\n').findIndex((l) => l.includes('"lodash"'));
    const hover = await client.hover(manifestUri, { line, character: manifestText.split('\n')[line]!.indexOf('4.17.4') + 1 });
    const value = (hover?.contents as { value: string }).value;
    for (const expected of ['**lodash** · 4.17.4 · resolved in package-lock.json', 'GHSA-jf85-cpcp-j695', 'CRITICAL', 'GHSA-35jh-r3h4-6jhm', 'CVE-2021-23337', 'Fixed in: 4.17.21', 'npm-app > lodash', 'Published: 2019-07-10']) {
      assert.ok(value.includes(expected), `hover lacks ${expected}:\n${value}`);
    }
    const lockText = readFileSync(ws.path('package-lock.json'), 'utf8');
    const msLine = lockText.split('\n').findIndex((l) => l.includes('"node_modules/humanize-ms/node_modules/ms"'));
    const lockHover = await client.hover(lockUri, { line: msLine, character: 8 });
    assert.ok((lockHover?.contents as { value: string }).value.includes('npm-app > humanize-ms > ms'));
  });

  it('upgrades a direct dependency, keeps the operator style, and the vulnerability diagnostic goes away', async () => {
    const diagnostics = await client.waitForDiagnostics(manifestUri, (d) => d.length === 6);
    const lodash = diagnostics.find((d) => text(d).startsWith('lodash'))!;
    const actions = await client.fixActions(manifestUri, lodash.range, [lodash]);
    const upgrade = actions.find((a) => a.title === 'Upgrade lodash to 4.17.21 (fixes 3 vulnerabilities)')!;
    assert.ok(upgrade, actions.map((a) => a.title).join('\n'));
    assert.equal(upgrade.isPreferred, true);
    assert.deepEqual(upgrade.diagnostics?.map((d) => d.code), ['GHSA-jf85-cpcp-j695']);
    const edited = applyEdits(manifestText, upgrade.edit!.changes![manifestUri]!);
    assert.equal(edited, manifestText.replace('"lodash": "4.17.4"', '"lodash": "4.17.21"'));
    await client.change(manifestUri, edited);
    const after = await client.waitForDiagnostics(manifestUri, (d) => !d.some((x) => text(x).startsWith('lodash@')));
    assert.ok(after.some((d) => text(d).startsWith('package-lock.json is out of date: it records lodash@4.17.4, not 4.17.21')));
  });

  it('offers an npm override for a transitive finding and clears the finding on the direct dependency', async () => {
    const diagnostics = await client.waitForDiagnostics(manifestUri, (d) => d.length === 6);
    const humanize = diagnostics.find((d) => text(d).startsWith('humanize-ms'))!;
    const actions = await client.fixActions(manifestUri, humanize.range, [humanize]);
    const override = actions.find((a) => a.title === 'Add npm override ms@^0.7.1 (new major version)')!;
    assert.ok(override, actions.map((a) => a.title).join('\n'));
    const edited = applyEdits(manifestText, override.edit!.changes![manifestUri]!);
    assert.deepEqual(JSON.parse(edited).overrides, { ms: '^0.7.1' });
    assert.match(edited, /\n {2}"overrides": \{\n {4}"ms": "\^0\.7\.1"\n {2}\}\n\}\n$/);
    await client.change(manifestUri, edited);
    const after = await client.waitForDiagnostics(manifestUri, (d) => !d.some((x) => text(x).startsWith('humanize-ms')));
    assert.ok(after.some((d) => text(d).startsWith('package-lock.json is out of date: it still locks ms@0.6.2')));
  });

  it('fix-all applies every preferred fix in the file at once', async () => {
    await client.waitForDiagnostics(manifestUri, (d) => d.length === 6);
    const actions = await client.fixActions(manifestUri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.chainsight']);
    assert.equal(actions.length, 1);
    const edited = applyEdits(manifestText, actions[0]!.edit!.changes![manifestUri]!);
    const json = JSON.parse(edited);
    // jquery's fix is a new major version: offered, but not preferred, so fix-all leaves it.
    assert.deepEqual(json.dependencies, { 'body-parser': '1.20.3', express: '4.19.2', 'humanize-ms': '1.0.1', jquery: '^2.2.4', lodash: '4.17.21', moment: '2.29.2' });
    // Overrides that cross a 0.x minor (cookie, send, ms) are breaking by SemVer rules: not preferred.
    assert.deepEqual(json.overrides, { 'serve-static': '^1.16.0' });
  });

  it('offers a fix that needs a new major version as a separate, non-preferred action that says so', async () => {
    const diagnostics = await client.waitForDiagnostics(manifestUri, (d) => d.length === 6);
    const jquery = diagnostics.find((d) => text(d).startsWith('jquery'))!;
    const actions = await client.fixActions(manifestUri, jquery.range, [jquery]);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Upgrade jquery to 3.5.0 (new major version; fixes 2 vulnerabilities)', false]]);
    assert.equal(applyEdits(manifestText, actions[0]!.edit!.changes![manifestUri]!), manifestText.replace('"jquery": "^2.2.4"', '"jquery": "^3.5.0"'));
  });

  it('changing a severity setting re-colours diagnostics without a restart', async () => {
    await client.waitForDiagnostics(manifestUri, (d) => d.some((x) => text(x).startsWith('moment') && x.severity === DiagnosticSeverity.Error));
    await client.setSettings({ ...SETTINGS, severity: { high: 'information' } });
    const after = await client.waitForDiagnostics(manifestUri, (d) => d.some((x) => text(x).startsWith('moment') && x.severity === DiagnosticSeverity.Information));
    assert.equal(after.find((x) => text(x).startsWith('lodash'))!.severity, DiagnosticSeverity.Error, 'critical stays an error');
  });

  it('reports readiness with counts and the data source in a status notification', async () => {
    const status = await client.waitForStatus((s) => s.state === 'ready' && s.packages > 0);
    assert.deepEqual(status.counts, { critical: 1, high: 5, moderate: 3, low: 3, unknown: 0 });
    assert.equal(status.vulnerablePackages, 9);
    assert.match(status.data.description, /^12 records from .*osv$/);
  });
});

describe('language server over stdio: bad input and untrusted text', function () {
  it('a malformed package.json gets one diagnostic where it breaks; other files keep theirs', async () => {
    const ws = tempWorkspace({ '.': { copyFrom: EXAMPLE } });
    const client = await LspTestClient.start(ws.root, SETTINGS);
    try {
      const lockUri = fileUri(ws.path('package-lock.json'));
      await client.waitForDiagnostics(lockUri, (d) => d.length === 9);
      const uri = fileUri(ws.path('package.json'));
      const broken = '{\n  "name": "npm-app",\n  "dependencies": {\n    "lodash": "4.17.4"\n    "moment": "2.15.1"\n  }\n}\n';
      await client.open(uri, broken);
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length === 1 && text(d[0]!).startsWith('could not parse'));
      assert.equal(text(diagnostics[0]!), 'could not parse package.json at 5:5: comma expected');
      assert.deepEqual(diagnostics[0]!.range.start, { line: 4, character: 4 });
      assert.equal(diagnostics[0]!.severity, DiagnosticSeverity.Error);
      assert.equal(client.diagnostics.get(lockUri)!.length, 9, 'the lockfile keeps its diagnostics');
    } finally {
      await client.stop();
      ws.dispose();
    }
  });

  it('shows advisory text escaped: no HTML, no command links, no live markdown', async () => {
    const hostile = {
      id: 'GHSA-xxxx-yyyy-zzzz',
      modified: '2024-01-01T00:00:00Z',
      published: '2024-01-01T00:00:00Z',
      summary: 'Pwn [click me](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> **bold** `code`',
      aliases: ['CVE-2024-0001'],
      references: [{ type: 'WEB', url: 'command:workbench.action.openSettings' }, { type: 'ADVISORY', url: 'javascript:alert(1)' }, { type: 'WEB', url: 'https://example.com/a)b' }],
      affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }], database_specific: { severity: 'HIGH' } }],
    };
    const ws = tempWorkspace({
      'osv/GHSA-xxxx-yyyy-zzzz.json': JSON.stringify(hostile),
      'package.json': JSON.stringify({ name: 'app', dependencies: { 'left-pad': '1.1.0' } }, null, 2),
    });
    const client = await LspTestClient.start(ws.root, SETTINGS);
    try {
      const uri = fileUri(ws.path('package.json'));
      const text = readFileSync(ws.path('package.json'), 'utf8');
      await client.open(uri, text);
      await client.waitForDiagnostics(uri, (d) => d.length === 1);
      const line = text.split('\n').findIndex((l) => l.includes('left-pad'));
      const hover = await client.hover(uri, { line, character: text.split('\n')[line]!.indexOf('1.1.0') + 1 });
      const value = (hover?.contents as { value: string }).value;
      assert.ok(!value.includes('<img'), value);
      assert.ok(value.includes('&lt;img src=x onerror=alert(1)>'), value);
      assert.ok(!/(?<!\\)\]\(command:/.test(value) && !/(?<!\\)\]\(javascript:/.test(value), value);
      assert.ok(value.includes('[click me\\](command:workbench.action.terminal.new)'), value);
      assert.ok(value.includes('\\*\\*bold\\*\\*'), value);
      assert.ok(value.includes('(https://example.com/a%29b)'), `links to http(s) are kept, with the closing parenthesis encoded:\n${value}`);
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});

