import type { VexDecision } from '../vex/types';

/** OpenVEX's justifications in words, for people (the identifiers stay in files and machine output). */
export const JUSTIFICATION_WORDS: Readonly<Record<string, string>> = {
  component_not_present: 'component not present',
  vulnerable_code_not_present: 'vulnerable code not present',
  vulnerable_code_not_in_execute_path: 'vulnerable code not in execute path',
  vulnerable_code_cannot_be_controlled_by_adversary: 'vulnerable code cannot be controlled by adversary',
  inline_mitigations_already_exist: 'inline mitigations already exist',
};

const STATUS_WORDS: Readonly<Record<string, string>> = { not_affected: 'not affected', affected: 'affected', fixed: 'fixed', under_investigation: 'under investigation' };

/**
 * One line for a statement's decision, as hovers and reports say it (docs/vex.md): `not affected —
 * vulnerable_code_not_in_execute_path, by Jane Doe on 2025-09-01, in .chainsight/vex.openvex.json`.
 * Plain text: the caller escapes it for where it goes (author and file name come from files).
 */
export function describeDecision(decision: VexDecision, where: string | undefined): string {
  const what = decision.acceptedUntil
    ? decision.expired
      ? `accepted risk expired on ${decision.acceptedUntil}`
      : `risk accepted until ${decision.acceptedUntil}`
    : (STATUS_WORDS[decision.status] ?? decision.status);
  const parts = [decision.justification ? `${what} — ${decision.justification}` : what];
  const by = decision.author ? `by ${decision.author}` : '';
  const on = decision.timestamp ? `on ${decision.timestamp.slice(0, 10)}` : '';
  const who = [by, on].filter(Boolean).join(' ');
  if (who) parts.push(who);
  if (where) parts.push(`in ${where}`);
  return parts.join(', ');
}

/** Where a decision's statement was read: a file (relative to `root` when inside it) or a document. */
export function decisionSource(decision: VexDecision, relativeTo: (file: string) => string): string {
  if (decision.source.file) return relativeTo(decision.source.file);
  return decision.source.document ?? 'a VEX document';
}
