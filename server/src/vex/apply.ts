import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import type { Finding, Vulnerability } from '../core/findings';
import type { VexStatus } from '../documents/types';
import { VexMatcher } from './matcher';
import { VexIndex } from './statement-index';
import { statementProblems, type StatementProblem } from './statement-problems';
import { subjectKey, VexSubjects } from './subjects';
import type { SourcedStatement, VexMatch } from './types';

/** Statuses as the reports count them: every finding has one (no statement: `affected`). */
export type StatusCounts = Record<VexStatus, number> & { suppressed: number };

/** VEX applied to one scan: what the CLI, the reports and the language server read. */
export interface VexResults {
  /** The match for one vulnerability of one finding; `{}` when no statement names it. */
  get(finding: Pick<Finding, 'file' | 'packageId'>, vulnerability: Pick<Vulnerability, 'id'>): VexMatch;
  /** The status that counts for the gate and the reports. */
  status(finding: Pick<Finding, 'file' | 'packageId'>, vulnerability: Pick<Vulnerability, 'id'>): VexStatus;
  /** Per (package instance, vulnerability): how many carry each status, and how many are suppressed. */
  counts: StatusCounts;
  /** Diagnostics on the statements themselves (expired acceptances, advisories modified since), with ranges. */
  problems: StatementProblem[];
  /** Statements that applied to nothing in this scan (`chainsight vex lint`). */
  unused: SourcedStatement[];
}

/**
 * Runs every (package instance, vulnerability) of a scan through one matcher. `statements` is best a
 * VexIndex kept while the statements do not change (it keeps their parsed purls between scans);
 * `now` is the clock expiry is judged by.
 */
export function applyVex(analysis: WorkspaceAnalysis, statements: VexIndex | readonly SourcedStatement[], now: () => number): VexResults {
  const index = statements instanceof VexIndex ? statements : new VexIndex(statements);
  const matcher = new VexMatcher(index, { now });
  const subjects = new VexSubjects(analysis);
  const matches = new Map<string, Map<string, VexMatch>>();
  const counts: StatusCounts = { affected: 0, not_affected: 0, fixed: 0, under_investigation: 0, suppressed: 0 };
  for (const finding of analysis.findings) {
    const perVulnerability = new Map<string, VexMatch>();
    for (const vulnerability of finding.vulnerabilities) {
      // The subject (its dependency paths) is only worked out when some statement names the vulnerability.
      const subject = index.hasCandidates(vulnerability) ? subjects.of(finding) : undefined;
      const match = subject ? matcher.match(subject, vulnerability) : {};
      perVulnerability.set(vulnerability.id, match);
      counts[match.decision?.status ?? 'affected']++;
      if (match.decision?.suppressed) counts.suppressed++;
    }
    matches.set(subjectKey(finding), perVulnerability);
  }
  const get = (finding: Pick<Finding, 'file' | 'packageId'>, vulnerability: Pick<Vulnerability, 'id'>): VexMatch => matches.get(subjectKey(finding))?.get(vulnerability.id) ?? {};
  const applied = matcher.appliedStatements();
  return {
    get,
    status: (finding, vulnerability) => get(finding, vulnerability).decision?.status ?? 'affected',
    counts,
    problems: statementProblems([...matches.values()].flatMap((m) => [...m.values()])),
    unused: index.statements.filter((s) => !applied.has(s)),
  };
}
