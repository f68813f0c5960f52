import { relative, sep } from 'node:path';
import { escapeInline, escapeLine } from '../core/markdown';
import { decidedByPolicyFile } from '../triage/apply';
import { decisionSource, describeDecision } from '../triage/describe';
import type { Triage } from '../triage/types';
import type { AdvisoryNotes } from './hover-content';

/**
 * What triage adds under each advisory of a hover (docs/vex.md): the VEX statement in words (a
 * suppressed finding is never silent), a path-narrowed statement per path, `Known exploited (CISA
 * KEV, added <date>)`, and the policy rule when a rule of the policy file decided. Every value comes
 * from files or feeds, so every one is escaped.
 */
export function triageNotes(triage: Triage | undefined, root: string): AdvisoryNotes {
  if (!triage) return () => [];
  const where = (file: string) => relative(root, file).split(sep).join('/') || file;
  return (finding, v) => {
    const t = triage.of(finding, v);
    const lines: string[] = [];
    const d = t.decision;
    if (d) {
      const head = t.suppressed ? 'Suppressed by VEX' : 'VEX';
      lines.push(`**${head}:** ${escapeInline(describeDecision(d, decisionSource(d, where)))}`);
      if (d.statement) lines.push(`> ${escapeLine(d.statement)}`);
    } else {
      for (const p of triage.vex.get(finding, v).byPath ?? []) {
        const via = p.path.purls[0] ?? 'the project';
        lines.push(p.decision ? `**VEX through ${escapeInline(via)}:** ${escapeInline(describeDecision(p.decision, decisionSource(p.decision, where)))}` : `**Through ${escapeInline(via)}:** no VEX statement (affected)`);
      }
    }
    if (t.kev) lines.push(`**Known exploited (CISA KEV, added ${escapeInline(t.kev.dateAdded)})**`);
    if (decidedByPolicyFile(t.policy)) lines.push(`Policy: ${escapeInline(t.policy.ruleName)} (${escapeInline(t.policy.action)}, rule ${escapeInline(t.policy.ruleId)})`);
    return lines;
  };
}
