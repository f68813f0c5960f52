import type { Answer, DiffResult, Evidence, PackageRef, ProjectFinding, ProjectResult, ProvenanceResult, Subject, VulnResult, WhoUsesResult } from '../graph/answers';
import { shortCommit, shortTime, textTable } from './text-table';
import { plainText } from '../core/terminal-text';

/** How each question's answer reads in a terminal. Every cell of untrusted text goes through textTable. */

export function subjectText(s: Subject): string {
  if (s.kind === 'project') return `project ${s.name}${s.commit ? ` @ ${shortCommit(s.commit)}` : ''}`;
  return `${s.kind} ${s.name}${s.version ? ` ${s.version}` : ''}`;
}

export function evidenceText(e: Evidence): string {
  const what = e.kind === 'scan' ? `scan ${e.ref.replace(/@([0-9a-f]{12})[0-9a-f]+$/, '@$1')}` : `${e.format ?? 'document'} ${e.name ?? e.ref}`;
  return `${what}, ${shortTime(e.at)}`;
}

const pkgText = (p: PackageRef) => (p.version ? `${p.name}@${p.version}` : p.name);

export function whoUsesTable(answer: Answer<{ package: string }, WhoUsesResult>): string {
  if (answer.results.length === 0) return `No project snapshot or SBOM in the store contains ${plainText(answer.query.package)}.\n`;
  const rows = answer.results.map((r) => [
    subjectText(r.subject),
    pkgText(r.package),
    r.direct ? `direct${r.declared ? ` ${r.declared}` : ''}${r.scope.length ? ` (${r.scope.join(', ')})` : ''}` : r.paths[0] ? `via ${r.paths[0].slice(0, -1).join(' > ')}` : 'indirect',
    r.evidence.map(evidenceText).join('; '),
  ]);
  const subjects = new Set(answer.results.map((r) => subjectText(r.subject))).size;
  return `${textTable(['SUBJECT', 'PACKAGE', 'HOW', 'EVIDENCE'], rows)}\n${subjects} subject${subjects === 1 ? ' contains' : 's contain'} ${plainText(answer.query.package)}.\n`;
}

function statusText(open: boolean, vex: VulnResult['vex'], severity?: string): string {
  if (vex) return `${vex.status}${vex.justification ? ` (${vex.justification})` : ''}`;
  return open ? `open${severity ? ` ${severity}` : ''}` : 'closed';
}

export function vulnTable(answer: Answer<{ id: string }, VulnResult>): string {
  const first = answer.results[0];
  if (!first) return `No package in the store is known to be affected by ${plainText(answer.query.id)}.\n`;
  const v = first.vulnerability;
  const title = `${v.id}${v.aliases.length ? ` (${v.aliases.join(', ')})` : ''}${v.summary ? `: ${v.summary}` : ''}`;
  const rows = answer.results.map((r) => [subjectText(r.subject), pkgText(r.package), statusText(r.open, r.vex, r.vulnerability.severity), r.vex?.statement ?? '', [...r.evidence, ...(r.vex ? [r.vex.evidence] : [])].map(evidenceText).join('; ')]);
  const open = answer.results.filter((r) => r.open).length;
  return `${plainText(title, 300)}\n\n${textTable(['SUBJECT', 'PACKAGE', 'STATUS', 'STATEMENT', 'EVIDENCE'], rows)}\n${answer.results.length} affected instance${answer.results.length === 1 ? '' : 's'}, ${open} open after VEX.\n`;
}

function findingRows(findings: readonly ProjectFinding[]): string[][] {
  return findings.map((f) => [pkgText(f.package), f.vulnerability.id, f.vulnerability.severity ?? '', statusText(f.open, f.vex, undefined), f.vulnerability.fixed ?? '', f.vulnerability.summary ?? '']);
}

export function projectTable(answer: Answer<unknown, ProjectResult>): string {
  const r = answer.results[0]!;
  const direct = r.packages.filter((p) => p.direct).length;
  const open = r.findings.filter((f) => f.open).length;
  const p = r.provenance;
  const lines = [
    `${plainText(subjectText(r.subject))}, recorded ${shortTime(r.evidence[0]?.at ?? '')}`,
    `${r.packages.length} packages (${direct} direct), ${open} open finding${open === 1 ? '' : 's'} after VEX, ${r.findings.length - open} closed by VEX`,
    `provenance: ${p.verified} verified, ${p.invalid} invalid, ${p.missing} without (of ${p.packages})`,
    '',
  ];
  const findings = r.findings.length ? textTable(['PACKAGE', 'ID', 'SEVERITY', 'STATUS', 'FIXED', 'SUMMARY'], findingRows(r.findings)) : 'No findings.\n';
  const history = textTable(['COMMIT', 'RECORDED', 'OPEN'], r.history.map((h) => [shortCommit(h.commit) || '(no commit)', shortTime(h.at), String(h.open)]));
  return `${lines.join('\n')}\n${findings}\nHistory:\n${history}`;
}

export function provenanceTable(answer: Answer<unknown, ProvenanceResult>): string {
  if (answer.results.length === 0) return 'Every package in the store has verified provenance or a verified signature.\n';
  const verdict = (v: ProvenanceResult['signature']) => (v ? `${v.status}${v.reason ? ` — ${v.reason}` : ''}` : '');
  const rows = answer.results.map((r) => [pkgText(r.package), r.status, verdict(r.signature), verdict(r.provenance) || r.attestations.map((a) => `${a.verification} ${a.builder}`).join('; '), String(r.usedBy)]);
  return `${textTable(['PACKAGE', 'STATUS', 'SIGNATURE', 'PROVENANCE', 'USED BY'], rows)}\n${answer.results.length} package${answer.results.length === 1 ? '' : 's'}.\n`;
}

export function diffTable(answer: Answer<unknown, DiffResult>): string {
  const r = answer.results[0]!;
  const section = (title: string, count: number, body: string) => `${title} (${count}):\n${count ? body : '  none\n'}`;
  return [
    `${plainText(r.project)}: ${shortCommit(r.from.commit)} (${shortTime(r.from.at)}) → ${shortCommit(r.to.commit)} (${shortTime(r.to.at)})\n`,
    section('Added', r.added.length, textTable(['PACKAGE'], r.added.map((p) => [pkgText(p)]))),
    section('Removed', r.removed.length, textTable(['PACKAGE'], r.removed.map((p) => [pkgText(p)]))),
    section('Changed', r.changed.length, textTable(['PACKAGE', 'FROM', 'TO'], r.changed.map((c) => [c.name, c.from, c.to]))),
    section('Findings opened', r.opened.length, textTable(['PACKAGE', 'ID', 'SEVERITY', 'STATUS', 'FIXED', 'SUMMARY'], findingRows(r.opened))),
    section('Findings closed', r.closed.length, textTable(['PACKAGE', 'ID', 'SEVERITY', 'STATUS', 'FIXED', 'SUMMARY'], findingRows(r.closed))),
  ].join('\n');
}
