import { randomBytes } from 'node:crypto';
import { type ExtensionContext, Position, Range, Selection, Uri, ViewColumn, type WebviewPanel, window, workspace } from 'vscode';
import { reportRequest, storeOverviewRequest } from '../../../server/src/protocol';
import type { ChainsightClient } from '../client';
import { reportHtml } from './html';
import { storeChartSvg } from './store-chart';

type Tab = 'vulnerabilities' | 'provenance' | 'store';
/** Projects the chart draws; the table lists them all. */
const CHART_SERIES = 8;

/**
 * The report view: one webview panel, refreshed whenever the server reports a new analysis. Data is
 * sent as a message and rendered with textContent, never as HTML.
 */
export class ReportView {
  private static current: ReportView | undefined;

  static async show(context: ExtensionContext, client: ChainsightClient, tab: Tab = 'vulnerabilities'): Promise<void> {
    if (ReportView.current) {
      ReportView.current.panel.reveal();
      ReportView.current.pendingTab = tab;
      await ReportView.current.refresh();
      return;
    }
    const panel = window.createWebviewPanel('chainsight.report', 'Chainsight Report', ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
    ReportView.current = new ReportView(panel, client);
    ReportView.current.pendingTab = tab;
    context.subscriptions.push(panel);
    await ReportView.current.refresh();
  }

  /** The tab to switch to on the next refresh (a command asked for it); the user's choice stands otherwise. */
  private pendingTab: Tab | undefined;

  private constructor(
    private readonly panel: WebviewPanel,
    private readonly client: ChainsightClient,
  ) {
    const nonce = randomBytes(16).toString('base64');
    panel.webview.html = reportHtml(nonce, panel.webview.cspSource);
    const statusSubscription = client.onStatus((s) => {
      if (s.state === 'ready') void this.refresh();
    });
    const storeSubscription = client.onStoreChanged(() => void this.refreshStore());
    panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message));
    panel.onDidDispose(() => {
      statusSubscription.dispose();
      storeSubscription.dispose();
      ReportView.current = undefined;
    });
  }

  private async refresh(): Promise<void> {
    try {
      const report = await this.client.request(reportRequest);
      await this.panel.webview.postMessage({ type: 'report', report, ...(this.pendingTab ? { tab: this.pendingTab } : {}) });
      this.pendingTab = undefined;
    } catch (err) {
      await this.panel.webview.postMessage({ type: 'error', message: (err as Error).message });
    }
    await this.refreshStore();
  }

  /** The store tab: every project's latest snapshot, and its open findings across recorded commits as a chart. */
  private async refreshStore(): Promise<void> {
    try {
      const overview = await this.client.request(storeOverviewRequest);
      const rows = overview.projects.map((p) => ({ name: p.name, commit: p.latest?.commit?.slice(0, 12) ?? '', at: p.latest?.at.slice(0, 16).replace('T', ' ') ?? '', open: p.open, packages: p.packages, snapshots: p.snapshots }));
      const notes = [
        overview.projects.length > CHART_SERIES ? `The chart draws the ${CHART_SERIES} projects with the most open findings.` : '',
        overview.omittedProjects ? `${overview.omittedProjects} more projects are not shown (chainsight store status lists them).` : '',
      ].filter(Boolean);
      await this.panel.webview.postMessage({ type: 'store', rows, svg: storeChartSvg(overview.projects, { maxSeries: CHART_SERIES }) ?? '', note: notes.join(' ') });
    } catch (err) {
      await this.panel.webview.postMessage({ type: 'store', rows: [], svg: '', note: `Could not read the store: ${(err as Error).message}` });
    }
  }

  private async onMessage(message: unknown): Promise<void> {
    const m = message as { type?: unknown; uri?: unknown; line?: unknown } | undefined;
    if (m?.type === 'ready') return this.refresh();
    if (m?.type !== 'open' || typeof m.uri !== 'string' || typeof m.line !== 'number') return;
    const uri = Uri.parse(m.uri);
    if (uri.scheme !== 'file') return; // the webview only ever links files we reported
    const document = await workspace.openTextDocument(uri);
    const line = Math.max(0, m.line - 1);
    const editor = await window.showTextDocument(document, ViewColumn.One);
    const position = new Position(line, 0);
    editor.selection = new Selection(position, position);
    editor.revealRange(new Range(position, position));
  }
}
