import type { PackageProvenance } from '../types';
import { isChecksumVerdict, repositoryLabel } from './labels';
import { requiresProvenance } from './policy';
import { plainText } from './plain-text';

/**
 * Diagnostic descriptors for a package's provenance (the LSP handler turns them into Diagnostics
 * at the package's range). Messages are plain text: registry-supplied parts are stripped of
 * control characters and shortened.
 */

export type ProvenanceSeverity = 'error' | 'warning' | 'information';

export type ProvenanceDiagnosticCode =
  | 'signature-invalid'
  | 'signature-missing'
  | 'signature-unverified'
  | 'attestation-invalid'
  | 'provenance-regression'
  | 'provenance-required';

export interface ProvenanceDiagnostic {
  severity: ProvenanceSeverity;
  code: ProvenanceDiagnosticCode;
  message: string;
}

export interface ProvenanceDiagnosticSettings {
  /** Invalid signature or attestation (default `error`). */
  invalid?: ProvenanceSeverity | 'off';
  /** A signature missing while the registry publishes keys (default `warning`). */
  missingSignature?: ProvenanceSeverity | 'off';
  /** A signature that does not cover the lockfile's hash (`sha256-…` only; default `warning`). */
  unverifiedSignature?: ProvenanceSeverity | 'off';
  /** Provenance dropped or source repository changed (default `warning`). */
  regression?: ProvenanceSeverity | 'off';
  /** `chainsight.policy.requireProvenance` globs. */
  requireProvenance?: readonly string[];
  /** A required package without provenance (default `warning`). */
  policy?: ProvenanceSeverity | 'off';
}

export function provenanceDiagnostics(result: PackageProvenance, settings: ProvenanceDiagnosticSettings = {}): ProvenanceDiagnostic[] {
  const id = `${result.name}@${result.version}`;
  const out: ProvenanceDiagnostic[] = [];
  const add = (severity: ProvenanceSeverity | 'off', code: ProvenanceDiagnosticCode, message: string): void => {
    if (severity !== 'off') out.push({ severity, code, message: plainText(message, 500) });
  };
  const invalid = settings.invalid ?? 'error';
  // A checksum database's verdict (Go) names itself in its reason; a registry signature's does not.
  const byDatabase = isChecksumVerdict(result.signature);
  if (result.signature.status === 'invalid') {
    add(invalid, 'signature-invalid', byDatabase ? `${id}: ${result.signature.reason}` : `${id}: invalid registry signature, possible tampering: ${result.signature.reason}`);
  }
  if (result.signature.status === 'unverified') {
    add(settings.unverifiedSignature ?? 'warning', 'signature-unverified', `${id}: the registry signature does not cover the locked bytes: ${result.signature.reason}`);
  }
  if (result.signature.status === 'missing') {
    add(settings.missingSignature ?? 'warning', 'signature-missing', byDatabase ? `${id}: ${result.signature.reason}` : `${id}: no registry signature, although the registry publishes signing keys`);
  }
  if (result.provenance.status === 'invalid') {
    add(invalid, 'attestation-invalid', `${id}: invalid attestation, possible tampering: ${result.provenance.reason}`);
  }
  const regression = result.regression;
  if (regression?.kind === 'provenance-dropped') {
    add(settings.regression ?? 'warning', 'provenance-regression', `${id} has no provenance, but ${regression.previousVersion} had: check that this release came from the expected build`);
  } else if (regression?.kind === 'source-changed') {
    const before = regression.previousRepository ? repositoryLabel(regression.previousRepository) : 'another repository';
    const now = regression.currentRepository ? repositoryLabel(regression.currentRepository) : 'another repository';
    add(settings.regression ?? 'warning', 'provenance-regression', `${id} was built from ${now}, but ${regression.previousVersion} was built from ${before}`);
  }
  if (result.provenance.status === 'none' && requiresProvenance(result.name, settings.requireProvenance)) {
    add(settings.policy ?? 'warning', 'provenance-required', `${id} has no provenance, which chainsight.policy.requireProvenance requires for this package`);
  }
  return out;
}
