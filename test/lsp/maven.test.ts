import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { parseDependencyFile } from '../../server/src/analysis/dependency-file';
import { applyEdits } from '../../server/src/core/edits';
import { escapeInline } from '../../server/src/core/markdown';
import { fileUri } from '../support/lsp-client';
import { hoverText, message, slice, STALE_HINT } from '../support/lsp-diagnostic-text';
import { serveFixture } from '../support/lsp-fixture-server';

const FIXTURES = join(__dirname, '../fixtures/lsp/maven');

/** One server per workspace: `app` (a copy of `maven/<app>`) with the shared `maven/osv` records. */
function workspaceHarness(app: string, open: string, languageId: string) {
  return serveFixture({ '.': { copyFrom: join(FIXTURES, app) }, osv: { copyFrom: join(FIXTURES, 'osv') } }, { path: open, languageId });
}

describe('language server over stdio: Maven (pom.xml, no lockfile)', function () {
  this.timeout(20_000);
  const h = workspaceHarness('maven-app', 'pom.xml', 'xml');
  const uri = () => fileUri(h.ws.path('pom.xml'));
  const read = () => readFileSync(h.ws.path('pom.xml'), 'utf8');
  const pomDiagnostics = () => h.client.waitForDiagnostics(uri(), (d) => d.length === 3);

  it('puts each finding on the text that sets the version: the element, the property, the managed entry', async () => {
    const text = read();
    const lines = text.split('\n');
    const rows = (await pomDiagnostics()).map((d) => [lines[d.range.start.line]!.trim(), slice(text, d.range), message(d), d.severity]);
    assert.deepEqual(rows.sort(), [
      ['<protobuf.version>3.19.1</protobuf.version>', '3.19.1', 'com.google.protobuf:protobuf-java@3.19.1: 4 vulnerabilities (3 high, 1 moderate); fixed in 3.19.6', DiagnosticSeverity.Error],
      ['<version>1.15.2</version>', '1.15.2', 'org.jsoup:jsoup@1.15.2: GHSA-gp7f-rwcx-9369 (moderate); fixed in 1.15.3', DiagnosticSeverity.Warning],
      ['<version>4.5.12</version>', '4.5.12', 'org.apache.httpcomponents:httpclient@4.5.12: GHSA-7r82-7xv7-xcpj (moderate); fixed in 4.5.13', DiagnosticSeverity.Warning],
    ]);
    // The httpclient version is the one <dependencyManagement> gives it.
    const managed = (await pomDiagnostics()).find((d) => message(d).startsWith('org.apache.httpcomponents'))!;
    assert.ok(managed.range.start.line > lines.indexOf('  <dependencyManagement>') && managed.range.start.line < lines.indexOf('  </dependencyManagement>'));
    assert.deepEqual((await pomDiagnostics()).flatMap((d) => d.relatedInformation ?? []), []);
  });

  it('hovers with every advisory of a grouped finding, the fixed version and the dependency path', async () => {
    const text = read();
    const line = text.split('\n').findIndex((l) => l.includes('<protobuf.version>'));
    const hover = hoverText(await h.client.hover(uri(), { line, character: text.split('\n')[line]!.indexOf('3.19.1') + 1 }));
    for (const expected of [
      '**com.google.protobuf:protobuf-java** · 3.19.1',
      '**4 vulnerabilities**',
      '**[GHSA-4gg5-vx3j-xwc7](https://osv.dev/vulnerability/GHSA-4gg5-vx3j-xwc7)** (CVE-2022-3510) · HIGH 7.5',
      'GHSA-g5ww-5jh7-63cx',
      'GHSA-wrvw-hg22-4m67',
      '**[GHSA-h4h5-3hr4-j3g2](https://osv.dev/vulnerability/GHSA-h4h5-3hr4-j3g2)** (CVE-2022-3171) · MODERATE 5.7',
      'Fixed in: 3.19.2',
      'Upgrade to **3.19.6** to fix all 4.',
      '- com.example:feed-reader > com.google.protobuf:protobuf-java',
    ]) {
      assert.ok(hover.includes(expected), `hover lacks ${expected}:\n${hover}`);
    }
  });

  it('upgrades a version held in a property by editing the property; the finding goes away', async () => {
    const original = read();
    const protobuf = (await pomDiagnostics()).find((d) => message(d).startsWith('com.google.protobuf'))!;
    const actions = await h.client.fixActions(uri(), protobuf.range, [protobuf]);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Upgrade com.google.protobuf:protobuf-java to 3.19.6 (fixes 4 vulnerabilities)', true]]);
    const edited = applyEdits(original, actions[0]!.edit!.changes![uri()]!);
    assert.equal(edited, original.replace('<protobuf.version>3.19.1</protobuf.version>', '<protobuf.version>3.19.6</protobuf.version>'));
    const reparsed = parseDependencyFile(h.ws.path('pom.xml'), edited)!.result;
    assert.deepEqual(reparsed.errors, []);
    assert.equal(reparsed.packages.find((p) => p.name === 'com.google.protobuf:protobuf-java')?.version, '3.19.6');

    await h.client.change(uri(), edited);
    const after = await h.client.waitForDiagnostics(uri(), (d) => d.length === 2);
    assert.ok(!after.some((d) => message(d).startsWith('com.google.protobuf')), after.map(message).join('\n'));
    await h.client.change(uri(), original);
    await pomDiagnostics();
  });

  it('upgrades a managed version in <dependencyManagement>', async () => {
    const original = read();
    const httpclient = (await pomDiagnostics()).find((d) => message(d).startsWith('org.apache.httpcomponents'))!;
    const actions = await h.client.fixActions(uri(), httpclient.range, [httpclient]);
    assert.deepEqual(actions.map((a) => a.title), ['Upgrade org.apache.httpcomponents:httpclient to 4.5.13 (fixes 1 vulnerability)']);
    const edited = applyEdits(original, actions[0]!.edit!.changes![uri()]!);
    assert.equal(edited, original.replace('<version>4.5.12</version>', '<version>4.5.13</version>'));
    assert.equal(parseDependencyFile(h.ws.path('pom.xml'), edited)!.result.packages.find((p) => p.name === 'org.apache.httpcomponents:httpclient')?.version, '4.5.13');
  });
});

describe('language server over stdio: Gradle (gradle/libs.versions.toml + gradle.lockfile)', function () {
  this.timeout(20_000);
  const h = workspaceHarness('gradle-app', 'gradle/libs.versions.toml', 'toml');
  const CATALOG = 'gradle/libs.versions.toml';
  const uri = (relative: string) => fileUri(h.ws.path(relative));
  const read = (relative: string) => readFileSync(h.ws.path(relative), 'utf8');
  const catalogDiagnostics = () => h.client.waitForDiagnostics(uri(CATALOG), (d) => d.length === 2);

  it('pairs the catalog in gradle/ with the project folder\'s gradle.lockfile', async () => {
    const text = read(CATALOG);
    const diagnostics = await catalogDiagnostics();
    assert.deepEqual(
      diagnostics.map((d) => [slice(text, d.range), message(d), d.severity]).sort(),
      [
        ['1.2.10', 'ch.qos.logback:logback-classic@1.2.10: GHSA-vmq6-5m68-f53m (high); fixed in 1.2.13', DiagnosticSeverity.Error],
        ['1.33', 'org.yaml:snakeyaml@1.33: GHSA-mjmj-j48q-9wg2 (high); fixed in 2.0', DiagnosticSeverity.Error],
      ],
    );
    // A [versions] reference: the range is the shared version entry.
    assert.match(text.split('\n')[diagnostics.find((d) => message(d).startsWith('ch.qos'))!.range.start.line]!, /^logback = /);
    const lock = read('gradle.lockfile');
    assert.deepEqual(
      diagnostics.map((d) => d.relatedInformation?.map((r) => [r.location.uri, lock.split('\n')[r.location.range.start.line]])).sort(),
      [
        [[uri('gradle.lockfile'), 'ch.qos.logback:logback-classic:1.2.10=compileClasspath,runtimeClasspath']],
        [[uri('gradle.lockfile'), 'org.yaml:snakeyaml:1.33=compileClasspath,runtimeClasspath']],
      ],
    );
    const logback = diagnostics.find((d) => message(d).startsWith('ch.qos'))!;
    const hover = hoverText(await h.client.hover(uri(CATALOG), logback.range.start));
    assert.ok(hover.includes('**ch.qos.logback:logback-classic** · 1.2.10 · resolved in gradle.lockfile'), hover);
    // The catalog belongs to the build in the folder above gradle/.
    assert.ok(hover.includes(`- ${escapeInline(basename(h.ws.root))} > ch.qos.logback:logback-classic`), hover);
  });

  it('puts a diagnostic on every vulnerable gradle.lockfile entry, declared in the catalog or not', async () => {
    const text = read('gradle.lockfile');
    const diagnostics = await h.client.waitForDiagnostics(uri('gradle.lockfile'), (d) => d.length === 3);
    assert.deepEqual(
      diagnostics.map((d) => [slice(text, d.range), message(d), d.relatedInformation?.length ?? 0]).sort(),
      [
        ['1.2.10', 'ch.qos.logback:logback-classic@1.2.10: GHSA-vmq6-5m68-f53m (high); fixed in 1.2.13', 1],
        // Pulled in by logback-classic, but gradle.lockfile records no edges to say so.
        ['1.2.10', 'ch.qos.logback:logback-core@1.2.10: GHSA-vmq6-5m68-f53m (high); fixed in 1.2.13', 0],
        ['1.33', 'org.yaml:snakeyaml@1.33: GHSA-mjmj-j48q-9wg2 (high); fixed in 2.0', 1],
      ],
    );
  });

  it('upgrades a [versions] entry; the lockfile then shows as out of date', async () => {
    const original = read(CATALOG);
    const logback = (await catalogDiagnostics()).find((d) => message(d).startsWith('ch.qos'))!;
    const actions = await h.client.fixActions(uri(CATALOG), logback.range, [logback]);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Upgrade ch.qos.logback:logback-classic to 1.2.13 (fixes 1 vulnerability)', true]]);
    const edited = applyEdits(original, actions[0]!.edit!.changes![uri(CATALOG)]!);
    assert.equal(edited, original.replace('logback = "1.2.10"', 'logback = "1.2.13"'));
    const reparsed = parseDependencyFile(h.ws.path(CATALOG), edited)!.result;
    assert.deepEqual(reparsed.errors, []);
    assert.equal(reparsed.packages.find((p) => p.name === 'ch.qos.logback:logback-classic')?.version, '1.2.13');

    await h.client.change(uri(CATALOG), edited);
    const after = await h.client.waitForDiagnostics(uri(CATALOG), (d) => !d.some((x) => message(x).startsWith('ch.qos')));
    assert.deepEqual(
      after.filter((d) => slice(edited, d.range) === '1.2.13').map(message),
      [`gradle.lockfile is out of date: it locks ch.qos.logback:logback-classic@1.2.10, which 1.2.13 does not allow; ${STALE_HINT}`],
    );
    await h.client.change(uri(CATALOG), original);
    await catalogDiagnostics();
  });

  it('offers a major-version upgrade as a non-preferred action that says so', async () => {
    const snakeyaml = (await catalogDiagnostics()).find((d) => message(d).startsWith('org.yaml'))!;
    const actions = await h.client.fixActions(uri(CATALOG), snakeyaml.range, [snakeyaml]);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Upgrade org.yaml:snakeyaml to 2.0 (new major version; fixes 1 vulnerability)', false]]);
    assert.equal(applyEdits(read(CATALOG), actions[0]!.edit!.changes![uri(CATALOG)]!), read(CATALOG).replace('"org.yaml:snakeyaml:1.33"', '"org.yaml:snakeyaml:2.0"'));
  });
});
