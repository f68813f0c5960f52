import { type Connection, type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { PublishedDiagnostic, PublishedLevel } from '../service/diagnostic-levels';
import type { UriMap } from './uris';

const SEVERITIES: Record<PublishedLevel, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A service diagnostic (its level already decided by the user's settings) as an LSP diagnostic. */
export function toLspDiagnostic(d: PublishedDiagnostic, uris: UriMap): Diagnostic {
  const diagnostic: Diagnostic = { range: d.range, message: d.message, severity: SEVERITIES[d.level], source: 'chainsight' };
  if (d.code) diagnostic.code = d.code;
  if (d.codeUrl) diagnostic.codeDescription = { href: d.codeUrl };
  if (d.related.length) diagnostic.relatedInformation = d.related.map((r) => ({ location: { uri: uris.toUri(r.location.file), range: r.location.range }, message: r.message }));
  diagnostic.data = { kind: d.kind, ...(d.packageId ? { packageId: d.packageId } : {}) };
  return diagnostic;
}

export function publishDiagnostics(connection: Connection, uris: UriMap, path: string, diagnostics: readonly PublishedDiagnostic[]): void {
  void connection.sendDiagnostics({ uri: uris.toUri(path), diagnostics: diagnostics.map((d) => toLspDiagnostic(d, uris)) });
}
