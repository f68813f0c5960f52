import { homedir, userInfo } from 'node:os';
import type { DependencyReport, FileReport } from '../analysis/report-types';
import type { Finding, Vulnerability } from '../core/findings';
import { rangesOverlap, type Position, type Range } from '../core/text-range';
import { ecosystemByName } from '../ecosystems';
import { TRIAGE_JUSTIFICATIONS, type TriageDecisionParams, type TriageKind } from '../protocol';
import { folderPath } from '../triage/files';
import { vexAuthor } from '../vex/author';
import { VexSubjects } from '../vex/subjects';
import { triage, type TriageTarget } from '../vex/triage';
import type { FolderState } from './folder-state';
import { findReport } from './queries/lookup';
import type { TriageTextReader } from './triage-inputs';
import type { ActionPlan } from './workspace-service';

/**
 * A triage quick fix in the engine's terms. `ask`: the client asks the user (VS Code: a picker, then
 * input boxes) and sends `chainsight/triageEdit`. `apply`: a decision complete as it stands, for
 * clients that cannot ask (`workspace/executeCommand`, docs/editors.md).
 */
export type TriageCommand = { kind: 'triage-ask'; title: string; ask: TriageRequest & { kind: TriageKind; package: string } } | { kind: 'triage-apply'; title: string; request: TriageRequest; decision: TriageDecisionParams };

/** Which finding, advisory and path a decision is about, in paths (the handler maps URIs). */
export interface TriageRequest {
  path: string;
  packageId: string;
  vulnerability: string;
  via?: string;
}

/** `end`: where the file's current text ends, for an edit that replaces all of it. */
export type TriageEditOutcome = { ok: true; path: string; text: string; exists: boolean; replaced: boolean; end: Position } | { ok: false; message: string };

const PLACEHOLDER = (pkg: string) => `Say here why ${pkg} is not affected (written by a Chainsight quick fix; edit it).`;

/**
 * The triage quick fixes of one dependency entry (docs/vex.md, docs/editors.md): for each advisory
 * of its own finding, and (on a manifest line) of the packages it pulls in, narrowed to the paths
 * through it. Interactive clients get three that ask (not affected, accept risk, under
 * investigation); the others get commands that need no input: one per justification with a
 * placeholder impact statement to edit, and under investigation. Suppressed advisories are left alone.
 */
export function triageCommands(folder: FolderState, report: FileReport, dep: DependencyReport, interactive: boolean): TriageCommand[] {
  if (!folder.analysis) return [];
  const pulled = dep.resolved?.pkg ?? dep.pkg;
  const ecosystem = ecosystemByName(report.ecosystem);
  const via = report.kind === 'manifest' && ecosystem && pulled.version ? { purl: ecosystem.purl(pulled.name, pulled.version), name: dep.pkg.alias ?? pulled.name } : undefined;
  const subjects: Array<{ finding: Finding; via?: { purl: string; name: string } }> = [...(dep.own ? [{ finding: dep.own }] : []), ...dep.transitive.map((t) => ({ finding: t.finding, ...(via ? { via } : {}) }))];
  const out: TriageCommand[] = [];
  const seen = new Set<string>();
  for (const { finding, via: through } of subjects) {
    for (const v of finding.vulnerabilities) {
      const key = `${finding.file}|${finding.packageId}|${v.id}`;
      if (seen.has(key) || folder.triage?.of(finding, v).suppressed) continue;
      seen.add(key);
      const what = finding === dep.own ? v.id : `${v.id} (${finding.name}@${finding.version})`;
      const suffix = through ? ` through ${through.name}` : '';
      const request: TriageRequest = { path: finding.file, packageId: finding.packageId, vulnerability: v.id, ...(through ? { via: through.purl } : {}) };
      const pkg = `${finding.name}@${finding.version}`;
      if (interactive) {
        const ask = (kind: TriageKind, title: string): TriageCommand => ({ kind: 'triage-ask', title, ask: { ...request, kind, package: pkg } });
        out.push(ask('not_affected', `Mark ${what} as not affected${suffix}…`), ask('accept_risk', `Accept risk for ${what}${suffix} until…`), ask('under_investigation', `Mark ${what} as under investigation${suffix}…`));
        continue;
      }
      for (const j of TRIAGE_JUSTIFICATIONS) out.push({ kind: 'triage-apply', title: `Mark ${what} as not affected${suffix}: ${j.label.toLowerCase()}`, request, decision: { status: 'not_affected', justification: j.id, impactStatement: PLACEHOLDER(pkg) } });
      out.push({ kind: 'triage-apply', title: `Mark ${what} as under investigation${suffix}`, request, decision: { status: 'under_investigation' } });
    }
  }
  return out;
}

/** The triage quick fixes for the dependencies overlapping `range`, as the handlers offer fixes. */
export function triageActionsAt(folders: readonly FolderState[], path: string, range: Range, interactive: boolean): ActionPlan[] {
  const found = findReport(folders, path);
  if (!found) return [];
  const out: ActionPlan[] = [];
  for (const dep of found.report.dependencies) {
    const r = dep.pkg.versionRange ?? dep.pkg.nameRange;
    if (!r || !rangesOverlap(r, range)) continue;
    for (const command of triageCommands(found.folder, found.report, dep, interactive)) out.push({ title: command.title, preferred: false, edits: [], command, target: { path: found.report.path, range: r } });
  }
  return out;
}

/**
 * The VEX file with one decision written (vex/triage.ts): the project's OpenVEX file
 * (`chainsight.vex.file`), created when missing, the statement's products scoped to this project
 * (or to the paths through `via`), its author from the setting or git. Never throws.
 */
export function triageEdit(folders: readonly FolderState[], request: TriageRequest, decision: TriageDecisionParams, read: TriageTextReader, now: () => number, author?: string): TriageEditOutcome {
  const folder = folders.find((f) => f.analysis?.findings.some((x) => x.file === request.path && x.packageId === request.packageId));
  const finding = folder?.analysis?.findings.find((x) => x.file === request.path && x.packageId === request.packageId);
  const vulnerability = finding?.vulnerabilities.find((v) => v.id === request.vulnerability);
  if (!folder || !finding || !vulnerability) return { ok: false, message: 'Chainsight: that finding is no longer there (the file changed); ask for the quick fix again.' };
  const target = targetFor(folder, finding, vulnerability, request.via);
  const path = folderPath(folder.root, folder.settings.vex.file.trim() || '.chainsight/vex.openvex.json');
  const existing = read(path);
  const result = triage(existing, target, decision, { author: author ?? authorFor(folder), now });
  if (!result.ok) return { ok: false, message: `Chainsight: could not write ${path}${result.error.line ? ` (line ${result.error.line}, column ${result.error.column})` : ''}: ${result.error.message}` };
  const lines = (existing ?? '').split('\n');
  return { ok: true, path, text: result.text, exists: existing !== undefined, replaced: result.replaced, end: { line: lines.length - 1, character: lines[lines.length - 1]!.length } };
}

function targetFor(folder: FolderState, finding: Finding, vulnerability: Vulnerability, via: string | undefined): TriageTarget {
  const subject = new VexSubjects(folder.analysis!).of(finding);
  const path = subject?.paths.find((p) => via !== undefined && p.purls[0] === via) ?? subject?.paths[0];
  const project = path?.project ?? { name: finding.name, purls: [] };
  return { vulnerability: { id: vulnerability.id, aliases: vulnerability.aliases }, project, package: finding.purl, ...(via && via !== finding.purl ? { via } : {}) };
}

/** `chainsight.vex.author`, else git's identity for the folder, else the account name (as git itself would guess). */
export function authorFor(folder: FolderState): string {
  return vexAuthor(folder.settings.vex.author, folder.root, { home: homedir(), ...(process.env.XDG_CONFIG_HOME ? { xdgConfigHome: process.env.XDG_CONFIG_HOME } : {}) }) ?? osUser();
}

function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
