import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatusParams } from '../../../server/src/protocol';
import { DataResources } from '../../../server/src/service/data-resources';
import type { PublishedDiagnostic } from '../../../server/src/service/diagnostic-levels';
import { capHover, MAX_HOVER_CHARACTERS } from '../../../server/src/service/queries/hover';
import { SettingsSource } from '../../../server/src/service/settings-source';
import { type ServiceHost, WorkspaceService } from '../../../server/src/service/workspace-service';
import { tempWorkspace, type TempWorkspace } from '../../support/temp-workspace';

const EXAMPLE = join(__dirname, '../../../examples/npm-app');

/** The host the language server would be, recording what the service tells it. */
class FakeHost implements ServiceHost {
  readonly published = new Map<string, PublishedDiagnostic[]>();
  readonly statuses: StatusParams[] = [];
  readonly logs: string[] = [];
  private waiters: Array<{ when: (s: StatusParams) => boolean; resolve: (s: StatusParams) => void }> = [];
  async httpSettings() {
    return {};
  }
  notify(message: string) {
    this.logs.push(`notify: ${message}`);
  }
  publish(path: string, diagnostics: PublishedDiagnostic[]) {
    this.published.set(path, diagnostics);
  }
  status(status: StatusParams) {
    this.statuses.push(status);
    this.waiters = this.waiters.filter((w) => (w.when(status) ? (w.resolve(status), false) : true));
  }
  log(message: string) {
    this.logs.push(message);
  }
  /** The next status that matches (statuses are events: the service sends one per change). */
  next(when: (s: StatusParams) => boolean): Promise<StatusParams> {
    return new Promise((resolve) => this.waiters.push({ when, resolve }));
  }
}

describe('WorkspaceService, in-process with a fake host', function () {
  this.timeout(20_000);
  let ws: TempWorkspace;
  let host: FakeHost;
  let service: WorkspaceService;

  const start = (user: Record<string, unknown>, trusted = true) => {
    host = new FakeHost();
    const store = join(mkdtempSync(join(tmpdir(), 'chainsight-service-')), 'chainsight.db');
    const settings = new SettingsSource({ userSettings: { chainsight: { provenance: { enable: false }, osv: { offlineData: ws.path('osv') }, ...user } }, trusted });
    service = new WorkspaceService(host, new DataResources(() => store), settings);
  };

  beforeEach(() => {
    ws = tempWorkspace({ '.': { copyFrom: EXAMPLE } });
  });
  afterEach(async () => {
    await service.dispose();
    ws.dispose();
  });

  it('publishes every dependency file with the levels the settings give, and a ready status with counts', async () => {
    // lodash has a critical and two highs: the line is as loud as its loudest (docs/policy.md).
    start({ severity: { critical: 'hint', high: 'hint', low: 'none' } });
    await service.setFolders([ws.root]);
    await service.analyzeNow();
    const manifest = host.published.get(ws.path('package.json'))!;
    const lodash = manifest.find((d) => d.message.startsWith('lodash@'))!;
    assert.equal(lodash.level, 'hint');
    // `none` hides: express's own advisory is moderate, but cookie/send/serve-static (low) still count in the status.
    assert.ok(host.published.has(ws.path('package-lock.json')));
    const ready = host.statuses.at(-1)!;
    assert.deepEqual([ready.state, ready.trusted, ready.counts.critical, ready.counts.low], ['ready', true, 1, 3]);
  });

  it('debounces edits into one analysis, and the edited buffer (not the disk) decides', async () => {
    start({});
    await service.setFolders([ws.root]);
    await service.analyzeNow();
    const path = ws.path('package.json');
    const text = readFileSync(path, 'utf8');
    const before = host.statuses.length;
    const ready = host.next((s) => s.state === 'ready');
    service.open(path, text);
    service.change(path, text.replace(/"lodash": "[^"]*",?\n/, ''));
    await ready;
    assert.equal(host.statuses.slice(before).filter((s) => s.state === 'scanning').length, 1, 'one analysis for the burst');
    assert.ok(!host.published.get(path)!.some((d) => d.message.startsWith('lodash@')), 'the buffer without lodash was analysed');
  });

  it('a newer analysis cancels the one in flight; the newest result stands', async () => {
    start({});
    await service.setFolders([ws.root]);
    const first = service.analyzeNow();
    const second = service.analyzeNow();
    await assert.rejects(first, (err: Error) => err.name === 'AbortError' || /abort/i.test(String(err)));
    const analyses = await second;
    assert.equal(analyses[0]!.packagesScanned, 60);
  });

  it('offers a package-manager fix only as an opaque id it can resolve', async () => {
    start({});
    await service.setFolders([ws.root]);
    await service.analyzeNow();
    const path = ws.path('package.json');
    const all = service.codeActions(path, { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } });
    assert.ok(all.length > 0);
    for (const plan of all) if (plan.command?.kind === 'run') assert.ok(service.issuedRun(plan.command.id));
    assert.equal(service.issuedRun('made-up'), undefined);
  });

  it('reports trust in the status and reads settings again when trust changes', async () => {
    start({}, false);
    await service.setFolders([ws.root]);
    await service.analyzeNow();
    assert.equal(host.statuses.at(-1)!.trusted, false);
    const ready = host.next((s) => s.state === 'ready' && s.trusted);
    await service.trustChanged(true);
    await ready;
  });

  it('only dependency files and the files they include trigger an analysis', async () => {
    start({});
    ws.write('requirements.txt', '-r base.txt\n');
    ws.write('base.txt', 'django==3.2.0\n');
    await service.setFolders([ws.root]);
    await service.analyzeNow();
    assert.deepEqual(
      ['package.json', 'requirements.txt', 'base.txt', 'notes.json', 'tsconfig.json'].map((f) => [f, service.affectsAnalysis(ws.path(f))]),
      [['package.json', true], ['requirements.txt', true], ['base.txt', true], ['notes.json', false], ['tsconfig.json', false]],
    );
  });

  it('caps a hover at a section break, saying how much was left out', () => {
    const section = `---\n\n${'x'.repeat(1_000)}`;
    const long = Array.from({ length: 40 }, () => section).join('\n\n');
    const capped = capHover(long);
    assert.ok(capped.length <= MAX_HOVER_CHARACTERS + 200);
    assert.match(capped, /Shortened: \d+ more characters/);
    assert.equal(capHover('short'), 'short');
  });
});
