import { relative, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { type OmissionReason, uniqueOmissions } from '../analysis/omissions';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import { compareSeverity } from '../core/severity';
import type { ReportRow, StatusParams } from '../protocol';
import { decidedByPolicyFile } from '../triage/apply';
import { decisionSource, describeDecision } from '../triage/describe';
import type { Triage } from '../triage/types';

/**
 * The status-bar summary: vulnerable package@version × advisory pairs by severity, and data
 * freshness. Pairs a VEX statement suppresses are counted apart (`triage.suppressed`), never in `counts`.
 */
export function statusFor(state: StatusParams['state'], analyses: readonly WorkspaceAnalysis[], trusted = false, triageOf: (a: WorkspaceAnalysis) => Triage | undefined = () => undefined): StatusParams {
  const counts = { critical: 0, high: 0, moderate: 0, low: 0, unknown: 0 };
  const seen = new Set<string>();
  const vulnerable = new Set<string>();
  const suppressed = new Set<string>();
  for (const a of analyses) {
    const triage = triageOf(a);
    for (const f of a.findings) {
      for (const v of f.vulnerabilities) {
        const key = `${f.purl}|${v.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (triage?.of(f, v).suppressed) {
          suppressed.add(key);
          continue;
        }
        vulnerable.add(f.purl);
        counts[v.severity]++;
      }
    }
  }
  const statuses = analyses.map((a) => a.status);
  const first = statuses[0];
  const dataTimes = statuses.map((s) => s.dataTime).filter((t): t is number => t !== undefined);
  const error = statuses.find((s) => s.error)?.error;
  const omissions = omissionLines(analyses);
  return {
    state,
    trusted,
    counts,
    packages: analyses.reduce((n, a) => n + a.packagesScanned, 0),
    vulnerablePackages: vulnerable.size,
    data: {
      kind: first?.kind ?? 'none',
      description: first?.description ?? 'not scanned yet',
      ...(dataTimes.length ? { dataTime: Math.min(...dataTimes) } : {}),
      stale: statuses.some((s) => s.stale),
      incomplete: statuses.some((s) => s.incomplete) || omissions.length > 0,
      ...(error ? { error } : {}),
    },
    ...(omissions.length ? { omissions } : {}),
    ...(analyses.some((a) => triageOf(a)) ? { triage: { suppressed: suppressed.size, statements: 0, vexFiles: [] } } : {}),
  };
}

/** What lifts each kind of omission, in the editor's terms (the settings of the same names). */
const REMEDIES: Readonly<Record<OmissionReason, string>> = {
  'too-large': 'raise chainsight.limits.maxFileBytes to read it',
  'not-a-file': 'only regular files are read',
  'outside-workspace': 'chainsight.limits.allowIncludesOutsideWorkspace lets Chainsight read it',
  unreadable: 'check its permissions, or add it to chainsight.exclude',
  'file-limit': 'raise chainsight.limits.maxFiles, or skip folders with chainsight.exclude',
};

const MAX_OMISSION_LINES = 20;

/** One line per file or folder not read, with what would let Chainsight read it; the rest counted. */
function omissionLines(analyses: readonly WorkspaceAnalysis[]): string[] {
  const all = uniqueOmissions(analyses.flatMap((a) => a.omissions));
  const lines = all.slice(0, MAX_OMISSION_LINES).map((o) => `${o.path} was not read: ${o.detail}${o.includedFrom ? ` (included from ${o.includedFrom})` : ''}; ${REMEDIES[o.reason]}`);
  if (all.length > MAX_OMISSION_LINES) lines.push(`… and ${all.length - MAX_OMISSION_LINES} more files or folders not read`);
  return lines;
}

/** Rows for the report view: one per vulnerable package and advisory, suppressed ones included and marked. */
export function reportRows(analysis: WorkspaceAnalysis, root: string, triage?: Triage): ReportRow[] {
  const rows: ReportRow[] = [];
  const relativeToRoot = (file: string) => relative(root, file).split(sep).join('/');
  for (const f of analysis.findings) {
    const where = f.locations.find((l) => l.file === f.file) ?? f.locations[0];
    for (const v of f.vulnerabilities) {
      const t = triage?.of(f, v);
      const policy = t?.policy;
      rows.push({
        status: t?.status ?? 'affected',
        suppressed: t?.suppressed ?? false,
        vex: t?.decision ? describeDecision(t.decision, decisionSource(t.decision, relativeToRoot)) : null,
        policy: policy ? { rule: policy.ruleId, name: policy.ruleName, action: policy.action, fromFile: decidedByPolicyFile(policy) } : null,
        knownExploited: t?.kev?.dateAdded ?? null,
        ecosystem: f.ecosystem,
        name: f.name,
        version: f.version,
        advisory: v.id,
        aliases: v.aliases,
        severity: v.severity,
        score: v.score ?? null,
        summary: v.summary,
        fixed: v.fixed ?? null,
        path: (f.paths[0] ?? [f.name]).join(' > '),
        file: relative(root, f.file).split(sep).join('/'),
        line: (where?.range.start.line ?? 0) + 1,
        uri: URI.file(f.file).toString(),
      });
    }
  }
  return rows.sort((a, b) => compareSeverity(a.severity as never, b.severity as never) || a.name.localeCompare(b.name));
}
