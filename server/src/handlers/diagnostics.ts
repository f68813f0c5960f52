import { type Connection, type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { EngineDiagnostic } from '../analysis/diagnostics';
import type { ChainsightSettings, DiagnosticLevel } from '../protocol';
import type { UriMap } from './uris';

const LEVELS: Record<Exclude<DiagnosticLevel, 'none'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Engine diagnostic → LSP diagnostic under the user's severity settings; undefined when hidden. */
export function toLspDiagnostic(d: EngineDiagnostic, settings: ChainsightSettings, isLockfile: boolean, uris: UriMap): Diagnostic | undefined {
  const level = levelFor(d, settings, isLockfile);
  if (level === 'none') return undefined;
  const diagnostic: Diagnostic = { range: d.range, message: d.message, severity: LEVELS[level], source: 'chainsight' };
  if (d.code) diagnostic.code = d.code;
  if (d.codeUrl) diagnostic.codeDescription = { href: d.codeUrl };
  if (d.related.length) diagnostic.relatedInformation = d.related.map((r) => ({ location: { uri: uris.toUri(r.location.file), range: r.location.range }, message: r.message }));
  diagnostic.data = { kind: d.kind, ...(d.packageId ? { packageId: d.packageId } : {}) };
  return diagnostic;
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
      return settings.severity[d.severity];
    case 'provenance':
      return d.level ?? 'warning';
  }
}

export function publishDiagnostics(connection: Connection, uris: UriMap, path: string, diagnostics: EngineDiagnostic[], settings: ChainsightSettings, isLockfile: boolean): void {
  const converted = diagnostics.map((d) => toLspDiagnostic(d, settings, isLockfile, uris)).filter((d): d is Diagnostic => d !== undefined);
  void connection.sendDiagnostics({ uri: uris.toUri(path), diagnostics: converted });
}
