import { basename } from 'node:path';
import type { Finding, Vulnerability } from '../core/findings';
import { codeSpan, escapeInline, escapeLine, escapeMarkdown, markdownLink } from '../core/markdown';
import { osvUrl } from '../analysis/diagnostics';
import type { DependencyReport, FileReport } from '../analysis/report-types';

/**
 * Hover text for one dependency. Advisory text is untrusted: every value goes through the escapers
 * and only http(s) links are made. The client renders it as untrusted Markdown on top of that.
 */
/** Lines to add under one advisory of a finding (what VEX, the policy and KEV say), already Markdown. */
export type AdvisoryNotes = (finding: Finding, vulnerability: Vulnerability) => string[];

export function dependencyHover(file: FileReport, dep: DependencyReport, paths: string[][], extraSections: string[] = [], maxAdvisories = 100, notes: AdvisoryNotes = () => []): string {
  const out: string[] = [];
  const pkg = dep.resolved?.pkg ?? dep.pkg;
  const name = dep.pkg.alias && dep.pkg.alias !== pkg.name ? `${dep.pkg.alias} (${pkg.name})` : pkg.name;
  const head = [`**${escapeInline(name)}**`];
  if (pkg.version) head.push(`${escapeInline(pkg.version)}`);
  if (dep.resolved) head.push(`resolved in ${escapeInline(basename(dep.resolved.file))}`);
  else if (file.kind === 'lockfile') head.push(`locked in ${escapeInline(basename(file.path))}`);
  else if (dep.pkg.source === 'registry') head.push(dep.pkg.version ? `pinned in ${escapeInline(basename(file.path))}` : 'no lockfile entry');
  out.push(head.join(' · '));
  if (dep.pkg.requirement !== undefined && dep.pkg.requirement !== pkg.version) out.push(`Requirement: ${codeSpan(dep.pkg.requirement)}`);
  if (dep.pkg.source !== 'registry') out.push(`Source: ${escapeInline(dep.pkg.source)} — not matched against registry advisories`);
  if (dep.pkg.groups.length) out.push(`Groups: ${escapeInline(dep.pkg.groups.join(', '))}`);

  if (dep.own) out.push(findingSection(maxAdvisories, `${dep.own.vulnerabilities.length === 1 ? '1 vulnerability' : `${dep.own.vulnerabilities.length} vulnerabilities`}`, dep.own, notes));
  const seen = new Set<Finding>();
  for (const t of dep.transitive) {
    if (seen.has(t.finding)) continue;
    seen.add(t.finding);
    out.push(findingSection(maxAdvisories, `Pulls in ${t.finding.name}@${t.finding.version} (${t.path.join(' > ')})`, t.finding, notes));
  }
  for (const note of dep.notes) {
    out.push(`---\n\n**Range admits vulnerable versions** (${escapeInline(note.interval)})\n\n${vulnerabilityBlock(note.vulnerability)}`);
  }
  // What matching declined to order is not a clean bill: say what was not checked instead.
  const unordered = dep.unordered ?? [];
  if (unordered.length) out.push(`**Not checked**\n\n${unordered.slice(0, maxAdvisories).map((u) => `- ${escapeLine(u)}`).join('\n')}`);
  else if (!dep.own && dep.transitive.length === 0 && dep.notes.length === 0 && dep.pkg.source === 'registry' && pkg.version) out.push('No known vulnerabilities.');
  if (dep.stale) out.push(`⚠ ${escapeInline(dep.stale)}`);
  if (paths.length) {
    const shown = paths.slice(0, 5).map((p) => `- ${escapeLine(p.join(' > '))}`);
    if (paths.length > 5) shown.push(`- … and ${paths.length - 5} more`);
    out.push(`---\n\n**Dependency paths**\n\n${shown.join('\n')}`);
  }
  out.push(...extraSections);
  return out.join('\n\n');
}

function findingSection(maxAdvisories: number, title: string, finding: Finding, notes: AdvisoryNotes): string {
  const fix = finding.fix ? `Upgrade to **${escapeInline(finding.fix.version)}** to fix ${finding.fix.fixes === 1 ? 'it' : `all ${finding.fix.fixes}`}${finding.fix.major ? ' (major version change)' : ''}.` : '';
  const shown = finding.vulnerabilities.slice(0, maxAdvisories).map((v) => [vulnerabilityBlock(v), ...notes(finding, v)].join('  \n'));
  const more = finding.vulnerabilities.length - maxAdvisories;
  if (more > 0) shown.push(`… and ${more} more advisories (Show Report lists every one)`);
  return [`---`, `**${escapeInline(title)}**`, ...shown, fix].filter(Boolean).join('\n\n');
}

function vulnerabilityBlock(v: Vulnerability): string {
  const lines: string[] = [];
  const ids = [markdownLink(v.id, osvUrl(v.id)), ...v.aliases.map((a) => escapeInline(a))];
  const severity = [v.severity.toUpperCase()];
  if (v.score !== undefined) severity.push(v.score.toFixed(1));
  lines.push(`**${ids[0]}** ${v.aliases.length ? `(${ids.slice(1).join(', ')}) ` : ''}· ${escapeInline(severity.join(' '))}${v.malicious ? ' · malicious package' : ''}`);
  if (v.vector) lines.push(`CVSS ${escapeInline(v.cvssVersion ?? '')}: ${codeSpan(v.vector)}`);
  if (v.summary) lines.push(escapeMarkdown(v.summary));
  const facts: string[] = [];
  if (v.affected.length) facts.push(`Affected: ${escapeInline(v.affected.join('; '))}`);
  facts.push(`Fixed in: ${v.fixed ? escapeInline(v.fixed) : 'no fix yet'}`);
  if (v.published) facts.push(`Published: ${escapeInline(v.published.slice(0, 10))}`);
  lines.push(facts.join(' · '));
  const links = v.references.filter((r) => /^https?:\/\//i.test(r.url)).slice(0, 4).map((r) => markdownLink(referenceLabel(r), r.url));
  if (links.length) lines.push(links.join(' · '));
  return lines.join('  \n');
}

function referenceLabel(ref: { type: string; url: string }): string {
  try {
    const host = new URL(ref.url).hostname;
    return `${ref.type.toLowerCase()}: ${host}`;
  } catch {
    return ref.type.toLowerCase();
  }
}
