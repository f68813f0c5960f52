import { type EngineDiagnostic, limitDiagnostics } from '../analysis/diagnostics';
import type { ChainsightSettings, DiagnosticLevel } from '../settings';

export type PublishedLevel = Exclude<DiagnosticLevel, 'none'>;

/** An engine diagnostic with the level the user's settings give it; hidden ones are not published. */
export interface PublishedDiagnostic extends Omit<EngineDiagnostic, 'level'> {
  level: PublishedLevel;
}

/**
 * What to publish for one file: the diagnostics the settings do not hide, with their levels, at most
 * `chainsight.limits.maxDiagnosticsPerFile` of them (the most important kept, one more counting the
 * rest), so a hostile file cannot flood the editor.
 */
export function publishable(diagnostics: readonly EngineDiagnostic[], settings: ChainsightSettings, isLockfile: boolean): PublishedDiagnostic[] {
  const shown = withLevels(diagnostics, settings, isLockfile);
  const max = Math.max(1, settings.limits.maxDiagnosticsPerFile);
  if (shown.length <= max) return shown;
  const levels = new Map<EngineDiagnostic, PublishedDiagnostic['level']>();
  const engine = shown.map((d) => {
    const { level, ...rest } = d;
    const e: EngineDiagnostic = rest;
    levels.set(e, level);
    return e;
  });
  return limitDiagnostics(engine, max).map((d) => ({ ...d, level: levels.get(d) ?? 'information' }));
}

/**
 * The one place settings (and the policy, for vulnerabilities) decide how loud a diagnostic is, for
 * every kind (vulnerabilities, suppressed findings, notes, stale lockfiles, provenance, VEX
 * statements); handlers only map the level to their protocol.
 */
export function withLevels(diagnostics: readonly EngineDiagnostic[], settings: ChainsightSettings, isLockfile: boolean): PublishedDiagnostic[] {
  const out: PublishedDiagnostic[] = [];
  for (const d of diagnostics) {
    const level = levelFor(d, settings, isLockfile);
    if (level !== 'none') out.push({ ...d, level });
  }
  return out;
}

function levelFor(d: EngineDiagnostic, settings: ChainsightSettings, isLockfile: boolean): DiagnosticLevel {
  switch (d.kind) {
    case 'parse-error':
      return 'error';
    case 'parse-warning':
      return 'warning';
    case 'stale-lockfile':
      return settings.diagnostics.staleLockfile;
    case 'range-note':
      // A range the user may never resolve to is never worth more than a note.
      return settings.diagnostics.rangeNotes ? 'information' : 'none';
    case 'vulnerability':
      if (isLockfile && !settings.diagnostics.lockfiles) return 'none';
      // The policy decides where it ran (its built-in rules give exactly the severity levels).
      return d.policy ? ACTION_LEVELS[d.policy.action] : settings.severity[d.severity];
    case 'suppressed':
      // Never silent: the hover, the status and the report always show it; the Problems panel on request.
      if (isLockfile && !settings.diagnostics.lockfiles) return 'none';
      return settings.vex.showSuppressed ? 'hint' : 'none';
    case 'provenance':
    case 'vex-statement':
      return d.level ?? 'warning';
  }
}

/** A policy action as a diagnostic level. */
const ACTION_LEVELS: Readonly<Record<NonNullable<EngineDiagnostic['policy']>['action'], DiagnosticLevel>> = { error: 'error', warn: 'warning', info: 'information', hint: 'hint', ignore: 'none' };
