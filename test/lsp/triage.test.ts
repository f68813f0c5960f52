import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Diagnostic, DiagnosticSeverity, FileChangeType, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { APPLY_TRIAGE_COMMAND, reportRequest, TRIAGE_COMMAND, type TriageCommandArgs, type TriageEditParams, triageEditRequest } from '../../server/src/protocol';
import { fileUri, LspTestClient, type StartOptions } from '../support/lsp-client';
import { runCli } from '../support/run-cli';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const EXAMPLE = join(__dirname, '../../examples/npm-app');
const SETTINGS = { osv: { offlineData: './osv' } };
const VEX_FILE = '.chainsight/vex.openvex.json';
const LODASH = 'lodash@4.17.4: 3 vulnerabilities (1 critical, 2 high); fixed in 4.17.21';
const LODASH_AFTER = 'lodash@4.17.4: 2 vulnerabilities (2 high); fixed in 4.17.21';
const NOT_IN_PATH = 'Mark GHSA-jf85-cpcp-j695 as not affected: vulnerable code not in execute path';

const text = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const lodashLine = (manifest: string) => manifest.split('\n').findIndex((l) => l.includes('"lodash"'));

/** A home folder whose ~/.gitconfig names the author, so statements say who made them (read without running git). */
function gitHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'chainsight-home-'));
  writeFileSync(join(home, '.gitconfig'), '[user]\n\tname = Jane Doe\n\temail = jane@example.com\n');
  return home;
}

/**
 * Triage in the editor over the real server: the quick fixes on a vulnerability write an OpenVEX
 * statement to the project's VEX file, the finding leaves the diagnostics but is counted in the
 * status and said in the hover, and an untrusted workspace's own VEX file does not apply.
 */
describe('language server over stdio: triage (VEX quick fixes)', function () {
  let ws: TempWorkspace;
  let client: LspTestClient;
  let manifestUri: string;
  let manifest: string;
  const start = async (settings: Record<string, unknown> = SETTINGS, options: StartOptions = {}) => {
    client = await LspTestClient.start(ws.root, settings, { env: { ...process.env, HOME: gitHome(), XDG_CONFIG_HOME: '' }, ...options });
    await client.waitForStatus((s) => s.state === 'ready');
    await client.open(manifestUri, manifest);
  };
  const lodashRange = () => ({ start: { line: lodashLine(manifest), character: 15 }, end: { line: lodashLine(manifest), character: 15 } });
  /** Code actions as an editor asks for them: with the diagnostics under the cursor. */
  const actionsOnLodash = async () => {
    const diagnostics = (client.diagnostics.get(manifestUri) ?? []).filter((d) => d.range.start.line === lodashLine(manifest));
    assert.ok(diagnostics.length);
    return client.codeActions(manifestUri, lodashRange(), diagnostics);
  };
  const hoverOnLodash = async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: manifestUri }, position: lodashRange().start });
    return (hover?.contents as MarkupContent).value;
  };

  beforeEach(() => {
    ws = tempWorkspace({ '.': { copyFrom: EXAMPLE } });
    manifestUri = fileUri(ws.path('package.json'));
    manifest = readFileSync(ws.path('package.json'), 'utf8');
  });

  afterEach(async () => {
    await client?.stop();
    ws.dispose();
  });

  it('triage is offered on a vulnerability diagnostic only', async () => {
    await start();
    await client.waitForDiagnostics(manifestUri, (d) => d.some((x) => text(x) === LODASH));
    const titles = (await client.codeActions(manifestUri, lodashRange())).map((a) => a.title);
    assert.deepEqual(titles, ['Upgrade lodash to 4.17.21 (fixes 3 vulnerabilities)']);
    assert.equal((await actionsOnLodash()).length, 1 + 3 * 6);
  });

  it('Mark as not affected (no prompts: executeCommand) writes the statement; the finding leaves the diagnostics, the status counts it, the hover says it', async () => {
    await start();
    await client.waitForDiagnostics(manifestUri, (d) => d.some((x) => text(x) === LODASH));
    const actions = await actionsOnLodash();
    const titles = actions.map((a) => a.title);
    // The five OpenVEX justifications and under investigation, per advisory.
    assert.equal(titles.filter((t) => t.startsWith('Mark GHSA-jf85-cpcp-j695 as not affected: ')).length, 5);
    assert.ok(titles.includes('Mark GHSA-jf85-cpcp-j695 as under investigation'), titles.join('\n'));
    const mark = actions.find((a) => a.title === NOT_IN_PATH)!;
    assert.equal(mark.command?.command, APPLY_TRIAGE_COMMAND);
    const args = mark.command!.arguments![0] as TriageEditParams;
    assert.deepEqual(args.decision, { status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path', impactStatement: 'Say here why lodash@4.17.4 is not affected (written by a Chainsight quick fix; edit it).' });

    const since = client.statuses.length;
    await client.executeCommand(APPLY_TRIAGE_COMMAND, mark.command!.arguments!);
    const written = JSON.parse(readFileSync(ws.path(VEX_FILE), 'utf8'));
    assert.equal(written['@context'], 'https://openvex.dev/ns/v0.2.0');
    assert.equal(written.statements.length, 1);
    const statement = written.statements[0];
    assert.equal(statement.vulnerability.name, 'GHSA-jf85-cpcp-j695');
    assert.deepEqual(statement.vulnerability.aliases, ['CVE-2019-10744']);
    assert.equal(statement.status, 'not_affected');
    assert.equal(statement.justification, 'vulnerable_code_not_in_execute_path');
    assert.equal(statement['chainsight:author'], 'Jane Doe <jane@example.com>');
    assert.deepEqual(statement.products, [{ '@id': 'pkg:npm/npm-app', subcomponents: [{ '@id': 'pkg:npm/lodash@4.17.4' }] }]);

    const diagnostics = await client.waitForDiagnostics(manifestUri, (d) => d.some((x) => text(x) === LODASH_AFTER));
    assert.ok(!diagnostics.some((d) => text(d).includes('GHSA-jf85-cpcp-j695')));
    const status = await client.waitForStatus((s) => s.state === 'ready' && s.triage?.suppressed === 1, since);
    assert.equal(status.counts.critical, 0);
    assert.deepEqual(status.triage?.vexFiles, [VEX_FILE]);
    // Round trip: the CLI honours what the quick fix wrote.
    const scanned = await runCli(['scan', ws.root, '--osv-data', ws.path('osv'), '--format', 'json', '--fail-on', 'none']);
    const lodash = (JSON.parse(scanned.stdout) as { findings: Array<{ name: string; vulnerabilities: Array<{ id: string; status: string; vex?: { source: string } }> }> }).findings.find((f) => f.name === 'lodash')!;
    assert.deepEqual(lodash.vulnerabilities.map((v) => [v.id, v.status, v.vex?.source]), [
      ['GHSA-jf85-cpcp-j695', 'not_affected', VEX_FILE],
      ['GHSA-35jh-r3h4-6jhm', 'affected', undefined],
      ['GHSA-p6mc-m468-83gw', 'affected', undefined],
    ]);
    // The report view lists it, marked, with the statement in words.
    const row = (await client.connection.sendRequest(reportRequest)).rows.find((r) => r.name === 'lodash' && r.advisory === 'GHSA-jf85-cpcp-j695')!;
    assert.deepEqual([row.status, row.suppressed], ['not_affected', true]);
    assert.match(row.vex ?? '', /^not affected — vulnerable_code_not_in_execute_path, by Jane Doe <jane@example\.com> on \d{4}-\d{2}-\d{2}, in \.chainsight\/vex\.openvex\.json$/);
    const hover = await hoverOnLodash();
    assert.match(hover, /\*\*Suppressed by VEX:\*\* not affected — vulnerable_code_not_in_execute_path, by Jane Doe &lt;jane@example\.com> on \d{4}-\d{2}-\d{2}, in \.chainsight\/vex\.openvex\.json  \n> Say here why lodash@4\.17\.4 is not affected/);
  });

  it('on a manifest line, a finding pulled in is narrowed to the paths through that dependency', async () => {
    await start();
    const line = manifest.split('\n').findIndex((l) => l.includes('"express"'));
    const diagnostics = await client.waitForDiagnostics(manifestUri, (d) => d.some((x) => x.range.start.line === line));
    const onLine = diagnostics.filter((d) => d.range.start.line === line);
    const actions = await client.codeActions(manifestUri, onLine[0]!.range, onLine);
    const title = 'Mark GHSA-pxg6-pf52-xh8x (cookie@0.1.2) as not affected through express: vulnerable code not present';
    const action = actions.find((a) => a.title === title);
    assert.ok(action, actions.map((a) => a.title).join(' / '));
    await client.executeCommand(APPLY_TRIAGE_COMMAND, action.command!.arguments!);
    const statement = JSON.parse(readFileSync(ws.path(VEX_FILE), 'utf8')).statements[0];
    assert.deepEqual(statement.products, [{ '@id': 'pkg:npm/express@4.12.4', subcomponents: [{ '@id': 'pkg:npm/cookie@0.1.2' }] }]);
    // The express line no longer counts cookie's low advisory.
    await client.waitForDiagnostics(manifestUri, (d) => d.some((x) => x.range.start.line === line && text(x).includes('2 vulnerable packages (send@0.12.3, serve-static@1.9.3)')));
  });

  it('VS Code asks: the quick fix carries the client command, and chainsight/triageEdit returns the file to write (accept risk until a date)', async () => {
    await start(SETTINGS, { initializationOptions: { clientAsksTriage: true } });
    await client.waitForDiagnostics(manifestUri, (d) => d.some((x) => text(x) === LODASH));
    const actions = await actionsOnLodash();
    const titles = actions.filter((a) => a.title.includes('GHSA-jf85-cpcp-j695')).map((a) => a.title);
    assert.deepEqual(titles, ['Mark GHSA-jf85-cpcp-j695 as not affected…', 'Accept risk for GHSA-jf85-cpcp-j695 until…', 'Mark GHSA-jf85-cpcp-j695 as under investigation…']);
    const accept = actions.find((a) => a.title === titles[1])!;
    assert.equal(accept.command?.command, TRIAGE_COMMAND);
    const args = accept.command!.arguments![0] as TriageCommandArgs;
    assert.equal(args.kind, 'accept_risk');
    assert.equal(args.package, 'lodash@4.17.4');
    const { kind: _k, package: _p, ...target } = args;
    const result = await client.connection.sendRequest(triageEditRequest, { target, decision: { status: 'accept_risk', until: '2999-12-31', reason: 'only used in build scripts' } });
    assert.ok(result.ok);
    assert.equal(result.exists, false);
    assert.equal(result.uri, fileUri(ws.path(VEX_FILE)));
    const statement = JSON.parse(result.text).statements[0];
    assert.equal(statement.status, 'affected');
    assert.equal(statement['chainsight:expires'], '2999-12-31');
    assert.equal(statement.action_statement, 'Risk accepted until 2999-12-31: only used in build scripts');

    // The client writes the file; the accepted risk then suppresses the finding.
    ws.write(VEX_FILE, result.text);
    await client.filesChanged([{ uri: result.uri, type: FileChangeType.Created }]);
    await client.waitForDiagnostics(manifestUri, (d) => d.some((x) => text(x) === LODASH_AFTER));
    assert.match(await hoverOnLodash(), /\*\*Suppressed by VEX:\*\* risk accepted until 2999-12-31, by Jane Doe/);

    const bad = await client.connection.sendRequest(triageEditRequest, { target: { ...target, packageId: 'nothing' }, decision: { status: 'under_investigation' } });
    assert.deepEqual(bad, { ok: false, message: 'Chainsight: that finding is no longer there (the file changed); ask for the quick fix again.' });
  });

  it('an accepted risk past its date brings the finding back and warns on the statement in the VEX file; a statement that matches nothing is a hint there', async () => {
    ws.write(VEX_FILE, readFileSync(join(__dirname, '../fixtures/vex/lsp/expired-and-unused.openvex.json'), 'utf8'));
    await start();
    const vexUri = fileUri(ws.path(VEX_FILE));
    const inVex = await client.waitForDiagnostics(vexUri, (d) => d.length === 2);
    const vexText = readFileSync(ws.path(VEX_FILE), 'utf8').split('\n');
    const byLevel = new Map(inVex.map((d) => [d.severity, d]));
    const expired = byLevel.get(DiagnosticSeverity.Warning)!;
    assert.equal(expired.code, 'expired');
    assert.match(text(expired), /2024-01-31/);
    assert.match(vexText[expired.range.start.line]!, /GHSA-jf85-cpcp-j695|"vulnerability"|\{/);
    const unused = byLevel.get(DiagnosticSeverity.Hint)!;
    assert.equal(unused.code, 'unused');
    // The expired acceptance does not suppress: lodash keeps all three.
    await client.waitForDiagnostics(manifestUri, (d) => d.some((x) => text(x) === LODASH));
  });

  it('showSuppressed: a suppressed finding is a hint that says which statement suppresses it', async () => {
    ws.write(VEX_FILE, readFileSync(join(__dirname, '../fixtures/vex/lsp/lodash-not-affected.openvex.json'), 'utf8'));
    await start({ ...SETTINGS, vex: { showSuppressed: true } });
    const diagnostics = await client.waitForDiagnostics(manifestUri, (d) => d.some((x) => x.severity === DiagnosticSeverity.Hint));
    const hint = diagnostics.find((d) => d.severity === DiagnosticSeverity.Hint)!;
    assert.equal(text(hint), 'suppressed by VEX: lodash@4.17.4 GHSA-jf85-cpcp-j695: not affected — vulnerable_code_not_present, by Sam Lee <sam@example.com> on 2025-06-01, in .chainsight/vex.openvex.json');
    assert.equal(hint.range.start.line, lodashLine(manifest));
  });

  it("an untrusted workspace's own VEX file does not apply (the status says why); the user setting lets it", async () => {
    ws.write(VEX_FILE, readFileSync(join(__dirname, '../fixtures/vex/lsp/lodash-not-affected.openvex.json'), 'utf8'));
    // Until the workspace is trusted, data settings come from the user's own settings.
    const user = { osv: { offlineData: ws.path('osv') } };
    await start(SETTINGS, { initializationOptions: { workspaceTrusted: false, settings: { chainsight: user } } });
    await client.waitForDiagnostics(manifestUri, (d) => d.some((x) => text(x) === LODASH));
    const status = await client.waitForStatus((s) => s.state === 'ready' && s.triage !== undefined);
    assert.equal(status.triage?.suppressed, 0);
    assert.match(status.triage?.notApplied ?? '', /not trusted/);
    await client.stop();

    await start(SETTINGS, { initializationOptions: { workspaceTrusted: false, settings: { chainsight: { ...user, triage: { untrustedWorkspaces: true } } } } });
    await client.waitForDiagnostics(manifestUri, (d) => d.some((x) => text(x) === LODASH_AFTER));
  });

  it('a policy rule decides the level, names itself in the message and is the code; a bad policy file is one error at its place and the previous policy stays', async () => {
    ws.write('.chainsight/policy.yaml', 'version: 1\nrules:\n  - id: no-lodash\n    name: Lodash is banned\n    when: pkg.name == "lodash"\n    action: warn\n');
    await start();
    const diagnostics = await client.waitForDiagnostics(manifestUri, (d) => d.some((x) => text(x) === `${LODASH}; policy: Lodash is banned`));
    const lodash = diagnostics.find((x) => text(x).startsWith('lodash@'))!;
    assert.equal(lodash.code, 'no-lodash');
    assert.equal(lodash.severity, DiagnosticSeverity.Warning);
    // The report view's Policy column names the rule.
    const rows = (await client.connection.sendRequest(reportRequest)).rows.filter((r) => r.name === 'lodash');
    assert.deepEqual([...new Set(rows.map((r) => JSON.stringify(r.policy)))], [JSON.stringify({ rule: 'no-lodash', name: 'Lodash is banned', action: 'warn', fromFile: true })]);

    const policyUri = fileUri(ws.path('.chainsight/policy.yaml'));
    const broken = 'version: 1\nrules:\n  - id: no-lodash\n    name: Lodash is banned\n    when: pkg.nam == "lodash"\n    action: warn\n';
    await client.open(policyUri, broken, 'yaml');
    const errors = await client.waitForDiagnostics(policyUri, (d) => d.length === 1);
    assert.equal(errors[0]!.severity, DiagnosticSeverity.Error);
    assert.equal(errors[0]!.range.start.line, 4);
    assert.equal(text(errors[0]!), 'rule "no-lodash": unknown fact "pkg.nam" (did you mean "name"?) (docs/policy.md lists the facts) (the previous policy stays in force)');
    // Still the rule from before the mistake, never "allow everything".
    const after = await client.waitForDiagnostics(manifestUri, () => true);
    assert.equal(after.find((x) => text(x).startsWith('lodash@'))!.code, 'no-lodash');
    assert.ok(!existsSync(ws.path(VEX_FILE)));
  });

  it('KEV: an imported catalog (chainsight scan --kev-data) makes the hover say Known exploited', async () => {
    const project = join(__dirname, '../fixtures/policy/python-kev');
    const storePath = join(mkdtempSync(join(tmpdir(), 'chainsight-kev-store-')), 'chainsight.db');
    const imported = await runCli(['scan', project, '--offline', '--store', storePath, '--kev-data', join(__dirname, '../fixtures/kev/known_exploited_vulnerabilities.json'), '--format', 'json']);
    assert.equal(imported.stderr.includes('KEV'), false, imported.stderr);
    client = await LspTestClient.start(project, { osv: { offlineData: join(__dirname, '../fixtures/osv-corpus/PyPI.zip') } }, { storePath });
    const requirements = fileUri(join(project, 'requirements.txt'));
    const text = readFileSync(join(project, 'requirements.txt'), 'utf8');
    await client.open(requirements, text, 'pip-requirements');
    // The catalog loads in the background; the status says when it is there.
    const status = await client.waitForStatus((st) => st.state === 'ready' && st.triage?.kev?.state !== undefined);
    assert.equal(status.triage?.kev?.state, 'fresh', JSON.stringify(status.triage));
    await client.waitForDiagnostics(requirements, (d) => d.some((x) => text.split('\n')[x.range.start.line]!.startsWith('salt')));
    const line = text.split('\n').findIndex((l) => l.startsWith('salt'));
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: requirements }, position: { line, character: 1 } });
    const markdown = (hover?.contents as MarkupContent).value;
    assert.match(markdown, /PYSEC-2020-102[\s\S]*\*\*Known exploited \(CISA KEV, added 2021-11-03\)\*\*/);
  });
});
