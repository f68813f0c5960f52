import { homedir, userInfo } from 'node:os';
import type { DependencyReport, FileReport } from '../analysis/report-types';
import type { Finding, Vulnerability } from '../core/findings';
import type { Range } from '../core/text-range';
import type { TextEdit } from '../ecosystems/types';
import { ecosystemByName } from '../ecosystems';
import type { TriageCommandArgs, TriageDecisionParams, TriageKind } from '../protocol';
import { TRIAGE_JUSTIFICATIONS } from '../protocol';
import { folderPath } from '../triage/files';
import { vexAuthor } from '../vex/author';
import { VexSubjects } from '../vex/subjects';
import { triage, type TriageTarget } from '../vex/triage';
import { rangesOverlap } from '../core/text-range';
import type { FolderState } from './folder-state';
import { findReport } from './queries/lookup';
import type { TriageTextReader } from './triage-inputs';
import type { ActionPlan } from './workspace-service';

/** A triage quick fix in the engine's terms: an edit of the VEX file, or (VS Code) the client's command with what to ask about. */
export interface TriagePlan {
  title: string;
  target: { path: string; range: Range };
  /** The whole new VEX file: `create` when it does not exist yet. */
  edit?: { path: string; edits: TextEdit[]; create: boolean };
  command?: Omit<TriageCommandArgs, 'uri'> & { path: string };
}

/** Which finding, advisory and path a decision is about, in paths (the handler maps URIs). */
export interface TriageRequest {
  path: string;
  packageId: string;
  vulnerability: string;
  via?: string;
}

export type TriageEditOutcome = { ok: true; path: string; text: string; exists: boolean; replaced: boolean } | { ok: false; message: string };

const PLACEHOLDER = (pkg: string) => `Say here why ${pkg} is not affected (written by a Chainsight quick fix; edit it).`;

/**
 * The triage quick fixes of one dependency entry (docs/vex.md, docs/editors.md): for each advisory
 * of its own finding, and (on a manifest line) of the packages it pulls in, narrowed to the paths
 * through it. Interactive clients get three that ask (not affected, accept risk, under
 * investigation); the others get edits that need no input, one per justification with a
 * placeholder statement, and under investigation. Suppressed advisories are left alone.
 */
export function triagePlans(folder: FolderState, report: FileReport, dep: DependencyReport, interactive: boolean, read: TriageTextReader, now: () => number): TriagePlan[] {
  const range = dep.pkg.versionRange ?? dep.pkg.nameRange;
  if (!range || !folder.analysis) return [];
  const target = { path: report.path, range };
  const pulled = dep.resolved?.pkg ?? dep.pkg;
  const ecosystem = ecosystemByName(report.ecosystem);
  const via = report.kind === 'manifest' && ecosystem && pulled.version ? { purl: ecosystem.purl(pulled.name, pulled.version), name: dep.pkg.alias ?? pulled.name } : undefined;
  const subjects: Array<{ finding: Finding; via?: { purl: string; name: string } }> = [...(dep.own ? [{ finding: dep.own }] : []), ...dep.transitive.map((t) => ({ finding: t.finding, ...(via ? { via } : {}) }))];
  const plans: TriagePlan[] = [];
  const seen = new Set<string>();
  const author = interactive ? undefined : authorFor(folder);
  for (const { finding, via: through } of subjects) {
    for (const v of finding.vulnerabilities) {
      const key = `${finding.file}|${finding.packageId}|${v.id}`;
      if (seen.has(key) || folder.triage?.of(finding, v).suppressed) continue;
      seen.add(key);
      const what = finding === dep.own ? v.id : `${v.id} (${finding.name}@${finding.version})`;
      const suffix = through ? ` through ${through.name}` : '';
      const request: TriageRequest = { path: finding.file, packageId: finding.packageId, vulnerability: v.id, ...(through ? { via: through.purl } : {}) };
      if (interactive) {
        const ask = (kind: TriageKind, title: string): TriagePlan => ({ title, target, command: { ...request, kind, package: `${finding.name}@${finding.version}` } });
        plans.push(ask('not_affected', `Mark ${what} as not affected${suffix}…`), ask('accept_risk', `Accept risk for ${what}${suffix} until…`), ask('under_investigation', `Mark ${what} as under investigation${suffix}…`));
        continue;
      }
      const decisions: Array<{ title: string; decision: TriageDecisionParams }> = [
        ...TRIAGE_JUSTIFICATIONS.map((j) => ({ title: `Mark ${what} as not affected${suffix}: ${j.label.toLowerCase()}`, decision: { status: 'not_affected' as const, justification: j.id, impactStatement: PLACEHOLDER(`${finding.name}@${finding.version}`) } })),
        { title: `Mark ${what} as under investigation${suffix}`, decision: { status: 'under_investigation' } },
      ];
      for (const { title, decision } of decisions) {
        const outcome = triageEdit([folder], request, decision, read, now, author);
        if (outcome.ok) plans.push({ title, target, edit: { path: outcome.path, edits: [wholeText(read(outcome.path) ?? '', outcome.text, outcome.exists)], create: !outcome.exists } });
      }
    }
  }
  return plans;
}

/** The triage quick fixes for the dependencies overlapping `range`, as the handlers offer fixes. */
export function triageActionsAt(folders: readonly FolderState[], path: string, range: Range, interactive: boolean, read: TriageTextReader, now: () => number): ActionPlan[] {
  const found = findReport(folders, path);
  if (!found) return [];
  const out: ActionPlan[] = [];
  for (const dep of found.report.dependencies) {
    const r = dep.pkg.versionRange ?? dep.pkg.nameRange;
    if (!r || !rangesOverlap(r, range)) continue;
    for (const plan of triagePlans(found.folder, found.report, dep, interactive, read, now)) {
      out.push({
        title: plan.title,
        preferred: false,
        edits: plan.edit ? [{ path: plan.edit.path, edits: plan.edit.edits }] : [],
        ...(plan.edit?.create ? { create: [plan.edit.path] } : {}),
        ...(plan.command ? { command: { kind: 'triage' as const, title: plan.title, args: plan.command } } : {}),
        target: plan.target,
      });
    }
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
  return { ok: true, path, text: result.text, exists: existing !== undefined, replaced: result.replaced };
}

function targetFor(folder: FolderState, finding: Finding, vulnerability: Vulnerability, via: string | undefined): TriageTarget {
  const subject = new VexSubjects(folder.analysis!).of(finding);
  const path = subject?.paths.find((p) => via !== undefined && p.purls[0] === via) ?? subject?.paths[0];
  const project = path?.project ?? { name: finding.name, purls: [] };
  return { vulnerability: { id: vulnerability.id, aliases: vulnerability.aliases }, project, package: finding.purl, ...(via && via !== finding.purl ? { via } : {}) };
}

/** One edit replacing the whole file (or filling the new one). */
function wholeText(current: string, text: string, exists: boolean): TextEdit {
  if (!exists) return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text };
  const lines = current.split('\n');
  return { range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1]!.length } }, newText: text };
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
