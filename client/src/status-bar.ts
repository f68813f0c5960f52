import { type StatusBarItem, StatusBarAlignment, ThemeColor, window, MarkdownString } from 'vscode';
import type { StatusParams } from '../../server/src/protocol';

/** The status-bar item: counts and data freshness; its text is also how tests know the server is ready. */
export class StatusBar {
  private readonly item: StatusBarItem;

  constructor() {
    this.item = window.createStatusBarItem('chainsight.status', StatusBarAlignment.Left, 10);
    this.item.name = 'Chainsight';
    this.item.command = 'chainsight.showReport';
    this.item.show();
  }

  starting(): void {
    this.item.text = '$(sync~spin) Chainsight: starting…';
    this.item.tooltip = 'Chainsight is starting';
    this.item.backgroundColor = undefined;
  }

  update(status: StatusParams): void {
    this.item.text = statusText(status);
    this.item.tooltip = tooltip(status);
    const serious = status.counts.critical + status.counts.high > 0;
    this.item.backgroundColor = status.state === 'error' ? new ThemeColor('statusBarItem.errorBackground') : serious ? new ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}

export function statusText(status: StatusParams): string {
  if (status.state === 'scanning') return '$(sync~spin) Chainsight: scanning…';
  if (status.state === 'starting') return '$(sync~spin) Chainsight: starting…';
  if (status.state === 'error') return '$(error) Chainsight: error';
  const c = status.counts;
  const parts = (['critical', 'high', 'moderate', 'low', 'unknown'] as const).filter((s) => c[s] > 0).map((s) => `${c[s]} ${s}`);
  const age = status.data.dataTime !== undefined && (status.data.kind === 'online' || status.data.kind === 'offline') ? ` · data ${formatAge(Date.now() - status.data.dataTime)} old` : '';
  // The team store down is said in the text itself: answers come from this machine's data alone.
  const team = status.teamStore?.error ? ' · team store unavailable' : '';
  const data = (status.data.stale ? ' (stale: offline data)' : status.data.incomplete ? ' (incomplete data)' : '') + age + team;
  // Suppressed findings are counted apart, never silently gone (docs/vex.md).
  const suppressed = status.triage?.suppressed ? ` · ${status.triage.suppressed} suppressed` : '';
  if (parts.length) return `$(shield) Chainsight: ${parts.join(', ')}${suppressed}${data}`;
  // A check mark only when the data was complete: "nothing found" in half an answer is not a pass.
  return `${status.data.incomplete || status.data.stale ? '$(warning)' : '$(check)'} Chainsight: no known vulnerabilities${suppressed ? ` (${status.triage!.suppressed} suppressed)` : ''}${data}`;
}

function tooltip(status: StatusParams): MarkdownString {
  const md = new MarkdownString(undefined, true);
  md.isTrusted = false;
  md.appendText(`Chainsight — ${status.packages} packages checked, ${status.vulnerablePackages} vulnerable\n\n`);
  md.appendText(`Vulnerability data: ${status.data.description}`);
  if (status.data.dataTime) md.appendText(` (${formatAge(Date.now() - status.data.dataTime)} old)`);
  if (status.data.stale) md.appendText('\n\nThe network failed: results come from cached or offline data.');
  if (status.data.error) md.appendText(`\n\n${status.data.error}`);
  const p = status.provenance;
  if (p) md.appendText(p.state === 'checking' ? '\n\nSignatures and provenance: checking…' : `\n\nSignatures: ${p.signaturesVerified} of ${p.packages} verified; provenance: ${p.provenanceVerified} verified${p.invalid ? `; ${p.invalid} INVALID` : ''}`);
  if (p?.error) md.appendText(`\n\n${p.error}`);
  const team = status.teamStore;
  if (team) md.appendText(team.error ? `\n\nTeam store ${team.location} is not available (${team.error}): the embedded store answers instead.` : `\n\nTeam store: ${team.location}`);
  if (status.network?.length) md.appendText(`\n\nNetwork:\n${status.network.map((n) => `• ${n}`).join('\n')}`);
  if (status.omissions?.length) md.appendText(`\n\nNot everything was read:\n${status.omissions.map((o) => `• ${o}`).join('\n')}`);
  if (!status.trusted) md.appendText('\n\nRestricted Mode: the repository cannot choose registries or settings that hide findings, and no package manager runs.');
  const t = status.triage;
  if (t) {
    if (t.suppressed || t.statements) md.appendText(`\n\nVEX: ${t.suppressed} suppressed by ${t.statements} statements${t.vexFiles.length ? ` in ${t.vexFiles.join(', ')}` : ''}`);
    if (t.policy?.error) md.appendText(`\n\nPolicy file: ${t.policy.error}`);
    else if (t.policy?.file) md.appendText(`\n\nPolicy: ${t.policy.file}`);
    if (t.notApplied) md.appendText(`\n\nVEX and policy files not applied: ${t.notApplied}`);
    if (t.kev?.error) md.appendText(`\n\nKEV catalog: ${t.kev.error}`);
  }
  if (status.message) md.appendText(`\n\n${status.message}`);
  return md;
}

function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}
