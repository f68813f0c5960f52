import { basename, dirname, relative, sep } from 'node:path';
import { applyEdits } from '../core/edits';
import type { Finding } from '../core/findings';
import type { ExtractedPackage } from '../core/package';
import type { DependencyFile } from '../analysis/dependency-file';
import { parseDependencyFile } from '../analysis/dependency-file';
import type { DependencyReport, FileReport } from '../analysis/report-types';
import type { TextEdit } from '../ecosystems/types';
import type { PullingManifest } from './queries/lookup';
import type { Range } from '../core/text-range';
import type { PackageManagerRun } from '../protocol';

/** A code action in the engine's terms; the LSP handler turns it into a CodeAction. */
export interface FixPlan {
  title: string;
  preferred: boolean;
  /** Edits per file (absolute path). */
  edits: Array<{ path: string; edits: TextEdit[] }>;
  /**
   * A package-manager run instead of (or after) the edits, or the lockfile refresh of a project. The
   * service turns a run into an opaque id issued for this session, so no caller can name a program.
   */
  command?: { kind: 'run'; title: string; run: PackageManagerRun } | { kind: 'update-lockfile'; title: string; path: string };
  /** The dependency entry the fix belongs to, to link the diagnostics it resolves. */
  target: { path: string; range: Range };
}

/** Finds a parsed file by path (manifests are re-read to write edits against their current text). */
export type FileLookup = (path: string) => DependencyFile | undefined;

/**
 * The fixes for one dependency entry:
 * - a vulnerable package declared in this manifest → upgrade its requirement to the minimal version
 *   that fixes every known vulnerability (a major-version jump is offered, but not preferred);
 * - a vulnerable package pulled in transitively → the ecosystem's override for it, in the manifest;
 * - a lockfile entry → the same fixes, written to the manifest that declares the direct dependency.
 */
export function fixPlansFor(report: FileReport, dep: DependencyReport, files: FileLookup, manifestsPullingIn: (dep: DependencyReport) => PullingManifest[]): FixPlan[] {
  const plans: FixPlan[] = [];
  const target = { path: report.path, range: dep.pkg.versionRange ?? dep.pkg.nameRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  if (report.kind === 'manifest') {
    const manifest = files(report.path);
    if (!manifest) return plans;
    if (dep.own) plans.push(...upgradePlans(manifest, dep.pkg, dep.own, target));
    const seen = new Set<Finding>();
    for (const t of dep.transitive) {
      if (seen.has(t.finding) || !t.finding.fix) continue;
      seen.add(t.finding);
      const plan = overridePlan(manifest, t.finding, report.lockfile?.parser, target);
      if (plan) plans.push(plan);
    }
  } else if (dep.own) {
    const pulling = manifestsPullingIn(dep);
    // The edit lands in another file than the one the user is looking at: say which (relative to the
    // lockfile, so workspace members are told apart), unless the writer's title already names it.
    const where = (path: string, title: string) => (title.includes(basename(path)) ? '' : ` in ${relative(dirname(report.path), path).split(sep).join('/')}`);
    for (const { manifest: path, lockfileParser, declared } of pulling) {
      const manifest = files(path);
      if (!manifest) continue;
      if (declared) plans.push(...upgradePlans(manifest, declared, dep.own, target).map((p) => ({ ...p, title: `${p.title}${where(path, p.title)}` })));
      else if (dep.own.fix) {
        const plan = overridePlan(manifest, dep.own, lockfileParser, target);
        if (plan) plans.push({ ...plan, title: `${plan.title}${where(path, plan.title)}` });
      }
    }
    // A lockfile no manifest is read for (mix.lock: mix.exs is code): its own tool moves the package.
    const lockfile = pulling.length === 0 && dep.own.fix ? files(report.path) : undefined;
    const plan = lockfile ? overridePlan(lockfile, dep.own, report.parser, target) : undefined;
    if (plan) plans.push(plan);
  }
  return plans;
}

function upgradePlans(manifest: DependencyFile, declared: ExtractedPackage, finding: Finding, target: FixPlan['target']): FixPlan[] {
  const fix = finding.fix;
  const writer = manifest.parser.ecosystem.fixes;
  if (!fix || !writer) return [];
  const edits = writer.upgrade({ path: manifest.path, text: manifest.text, result: manifest.result }, declared, fix.version);
  if (!edits?.length) return [];
  const count = fix.fixes === 1 ? '1 vulnerability' : `${fix.fixes} vulnerabilities`;
  const title = fix.major ? `Upgrade ${declared.alias ?? declared.name} to ${fix.version} (new major version; fixes ${count})` : `Upgrade ${declared.alias ?? declared.name} to ${fix.version} (fixes ${count})`;
  return [{ title, preferred: !fix.major, edits: [{ path: manifest.path, edits }], target }];
}

function overridePlan(manifest: DependencyFile, finding: Finding, lockfileParser: string | undefined, target: FixPlan['target']): FixPlan | undefined {
  const writer = manifest.parser.ecosystem.fixes;
  if (!finding.fix || !writer?.override) return undefined;
  const fix = writer.override({ path: manifest.path, text: manifest.text, result: manifest.result }, finding.name, finding.fix.version, lockfileParser);
  if (!fix) return undefined;
  return {
    title: finding.fix.major ? `${fix.title} (new major version)` : fix.title,
    preferred: !finding.fix.major && fix.edits.length > 0,
    edits: fix.edits.length ? [{ path: manifest.path, edits: fix.edits }] : [],
    ...(fix.command ? { command: { kind: 'run' as const, title: fix.title, run: { command: fix.command.command, args: fix.command.args, cwd: dirname(manifest.path), lockfile: manifest.path } } } : {}),
    target,
  };
}

/**
 * All preferred fixes of a file as one edit of the whole text. Fixes are applied one after the
 * other, re-reading the manifest between them, because two of them may touch the same object (two
 * overrides both creating `overrides`) and edits computed against the original text would collide.
 */
export function fixAllEdit(path: string, text: string, planFor: (file: DependencyFile) => FixPlan[]): TextEdit | undefined {
  let current = text;
  const applied = new Set<string>();
  for (let round = 0; round < 200; round++) {
    const file = parseDependencyFile(path, current);
    if (!file) return undefined;
    const next = planFor(file).find((p) => p.preferred && !applied.has(p.title) && p.edits.length === 1 && p.edits[0]!.path === path);
    if (!next) break;
    applied.add(next.title);
    current = applyEdits(current, next.edits[0]!.edits);
  }
  if (current === text) return undefined;
  const lines = text.split('\n');
  return { range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1]!.length } }, newText: current };
}
