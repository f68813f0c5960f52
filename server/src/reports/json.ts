import type { Finding, Vulnerability } from '../core/findings';
import type { Severity } from '../core/severity';
import type { VexJustification, VexStatus } from '../documents/types';
import type { OmissionReason } from '../analysis/omissions';
import type { PolicyAction } from '../policy/types';
import { decidedByPolicyFile } from '../triage/apply';
import { decisionSource } from '../triage/describe';
import { omissionRows, oneBased, parseProblems, relativePath, type ReportInput } from './report-input';
import { statusCounts, triageOf } from './triage-view';

/** The `--format json` document. Its schema is documented in docs/cli.md; bump schemaVersion on breaking changes. */
export interface JsonReport {
  schemaVersion: 1;
  packages: number;
  findings: JsonFinding[];
  errors: Array<{ file: string; line: number; column: number; message: string }>;
  /** What was not read, so the answer is incomplete (also printed to stderr; exit code 2). */
  omissions: Array<{ path: string; reason: OmissionReason; detail: string; includedFrom?: string }>;
  source: { kind: string; description: string; incomplete: boolean; stale: boolean; dataTime?: string; error?: string; unreadable?: { files: string[]; count: number } };
  /** Each (package@version, advisory) once, per VEX status, and how many VEX suppresses. */
  triage: { counts: Record<VexStatus, number>; suppressed: number };
}

export interface JsonVulnerability {
  id: string;
  aliases: string[];
  severity: Severity;
  score: number | null;
  fixed: string | null;
  summary: string;
  /** What VEX says (`affected` when no statement applies, or an accepted risk expired). */
  status: VexStatus;
  /** The statement that applies, when one does. */
  vex?: { status: VexStatus; justification?: VexJustification; statement?: string; source: string; author?: string; timestamp?: string; suppressed: boolean; acceptedUntil?: string; expired?: boolean };
  /** The rule of the policy file that decided, when one did. */
  policy?: { rule: string; name: string; action: PolicyAction };
  /** In CISA's Known Exploited Vulnerabilities catalog. */
  knownExploited?: { cve: string; dateAdded: string; dueDate: string };
}

export interface JsonFinding {
  ecosystem: string;
  name: string;
  version: string;
  purl: string;
  direct: boolean;
  paths: string[][];
  locations: Array<{ file: string; line: number; column: number }>;
  vulnerabilities: JsonVulnerability[];
  fix: { version: string; major: boolean } | null;
}

export function toJsonReport(input: ReportInput): JsonReport {
  const { analysis } = input;
  const status = analysis.status;
  return {
    schemaVersion: 1,
    packages: analysis.packagesScanned,
    findings: analysis.findings.map((f) => ({
      ecosystem: f.ecosystem,
      name: f.name,
      version: f.version,
      purl: f.purl,
      direct: f.direct,
      paths: f.paths,
      locations: f.locations.map((l) => oneBased(input, l)),
      vulnerabilities: f.vulnerabilities.map((v) => jsonVulnerability(input, f, v)),
      fix: f.fix ? { version: f.fix.version, major: f.fix.major } : null,
    })),
    errors: parseProblems(input).map(({ fatal: _fatal, ...rest }) => rest),
    omissions: omissionRows(input),
    source: {
      kind: status.kind,
      description: status.description,
      incomplete: status.incomplete,
      stale: status.stale,
      ...(status.dataTime !== undefined ? { dataTime: new Date(status.dataTime).toISOString() } : {}),
      ...(status.error ? { error: status.error } : {}),
      ...(status.unreadable ? { unreadable: status.unreadable } : {}),
    },
    triage: (() => {
      const { byStatus, suppressed } = statusCounts(input);
      return { counts: byStatus as Record<VexStatus, number>, suppressed };
    })(),
  };
}

function jsonVulnerability(input: ReportInput, finding: Finding, v: Vulnerability): JsonVulnerability {
  const t = triageOf(input, finding, v);
  const d = t.decision;
  return {
    id: v.id,
    aliases: v.aliases,
    severity: v.severity,
    score: v.score ?? null,
    fixed: v.fixed ?? null,
    summary: v.summary,
    status: t.status,
    ...(d
      ? {
          vex: {
            status: d.status,
            ...(d.justification ? { justification: d.justification } : {}),
            ...(d.statement ? { statement: d.statement } : {}),
            source: decisionSource(d, (file) => relativePath(input, file)),
            ...(d.author ? { author: d.author } : {}),
            ...(d.timestamp ? { timestamp: d.timestamp } : {}),
            suppressed: d.suppressed,
            ...(d.acceptedUntil ? { acceptedUntil: d.acceptedUntil } : {}),
            ...(d.expired ? { expired: true } : {}),
          },
        }
      : {}),
    // Only a rule of the policy file: the built-in ones restate the severity and --fail-on.
    ...(decidedByPolicyFile(t.policy) ? { policy: { rule: t.policy.ruleId, name: t.policy.ruleName, action: t.policy.action } } : {}),
    ...(t.kev ? { knownExploited: { cve: t.kev.cveID, dateAdded: t.kev.dateAdded, dueDate: t.kev.dueDate } } : {}),
  };
}
