import type { Range } from '../core/text-range';
import type { SourcedStatement, VexDecision, VexMatch } from './types';

/**
 * Something to say about a statement itself, at the statement's place in its file (docs/vex.md):
 * `expired`: an accepted risk is past its date, so its findings are back;
 * `review`: the advisory was modified after the statement was made;
 * `unused`: the statement applies to nothing in the scan any more (lint).
 */
export interface StatementProblem {
  kind: 'expired' | 'review' | 'unused';
  statement: SourcedStatement;
  /** The VEX file, when the statement came from one (store documents have no place to point at). */
  file?: string;
  range?: Range;
  message: string;
  /** How loud the editor should be: an expired acceptance needs action, lint is a hint. */
  level: 'warning' | 'information' | 'hint';
}

/** Expired acceptances and advisories modified since, once per statement, from every decision of a scan. */
export function statementProblems(matches: Iterable<VexMatch>): StatementProblem[] {
  const out = new Map<SourcedStatement, Map<StatementProblem['kind'], StatementProblem>>();
  const add = (decision: VexDecision | undefined) => {
    if (!decision) return;
    if (decision.expired) remember(out, problem('expired', decision.matched, `accepted risk for ${vulnerabilityName(decision.matched)} expired on ${decision.acceptedUntil}: its findings count again; fix them or extend the acceptance`, 'warning'));
    if (decision.review) remember(out, problem('review', decision.matched, `the advisory ${vulnerabilityName(decision.matched)} was modified on ${decision.review.modified.slice(0, 10)}, after this statement was made${decision.timestamp ? ` (${decision.timestamp.slice(0, 10)})` : ''}: check that it still holds`, 'information'));
  };
  for (const match of matches) {
    add(match.decision);
    for (const p of match.byPath ?? []) add(p.decision);
  }
  return [...out.values()].flatMap((byKind) => [...byKind.values()]);
}

/** Statements that applied to nothing, as hints on the statements (`chainsight vex lint`). */
export function lintProblems(unused: Iterable<SourcedStatement>): StatementProblem[] {
  return [...unused].map((s) => problem('unused', s, `no package in this workspace matches this statement for ${vulnerabilityName(s)} any more; remove it, or keep it for other consumers of this file`, 'hint'));
}

function problem(kind: StatementProblem['kind'], statement: SourcedStatement, message: string, level: StatementProblem['level']): StatementProblem {
  return {
    kind,
    statement,
    ...(statement.source.kind === 'file' ? { file: statement.source.path } : {}),
    ...(statement.statement.range ? { range: statement.statement.range } : {}),
    message,
    level,
  };
}

function remember(out: Map<SourcedStatement, Map<StatementProblem['kind'], StatementProblem>>, p: StatementProblem): void {
  const byKind = out.get(p.statement) ?? new Map<StatementProblem['kind'], StatementProblem>();
  if (!byKind.has(p.kind)) byKind.set(p.kind, p);
  out.set(p.statement, byKind);
}

function vulnerabilityName(s: SourcedStatement): string {
  return s.statement.vulnerability.id;
}
