import type { EcosystemName } from '../../core/package';
import type { PackageProvenance, ProvenanceStatus, SignatureStatus } from '../types';
import { hostOf, isChecksumVerdict, repositoryLabel, shortCommit } from './labels';
import { plainText } from './plain-text';

/**
 * `chainsight verify` output: the JSON document (schema version 1) and a terminal table in the
 * spirit of `npm audit signatures`. Pure functions over the provider results.
 */

export interface VerifyReportPackage {
  ecosystem: EcosystemName;
  name: string;
  version: string;
  signature: SignatureStatus;
  provenance: ProvenanceStatus;
  /** From verified provenance only; nulls otherwise. */
  source: { repository: string | null; commit: string | null; workflow: string | null };
  registry: string | null;
  /** Why the statuses are what they are (for invalid, missing and unavailable above all). */
  signatureReason: string;
  provenanceReason: string;
  /** Registry key of the signature. */
  keyId: string | null;
  /** Rekor entry of the provenance. */
  rekorLogIndex: string | null;
  regression: { kind: 'provenance-dropped' | 'source-changed'; previousVersion: string; previousRepository: string | null } | null;
  /** The lockfile's tarball URL when it is on another host than the registry (the signature does not cover it). */
  resolvedElsewhere: string | null;
  /** When a cached verdict shown offline was made (ISO); null for a fresh check. */
  checkedAt: string | null;
}

/** Per ecosystem that offers provenance: how many packages have it verified. */
export interface ProvenanceCoverage {
  ecosystem: EcosystemName;
  packages: number;
  verified: number;
}

export interface VerifySummary {
  packages: number;
  signature: Record<SignatureStatus, number>;
  provenance: Record<ProvenanceStatus, number>;
  regressions: number;
  /** Packages whose tarball URL is on another host than their registry. */
  resolvedElsewhere: number;
  /** Packages with an invalid signature or attestation: the CLI exits 1 when this is not 0. */
  invalid: number;
}

export interface VerifyReport {
  schemaVersion: 1;
  packages: VerifyReportPackage[];
  summary: VerifySummary;
}

export function buildVerifyReport(results: readonly PackageProvenance[]): VerifyReport {
  const packages = [...results].sort(byNameVersion).map(toReportPackage);
  const summary: VerifySummary = {
    packages: packages.length,
    signature: { verified: 0, invalid: 0, unverified: 0, missing: 0, unavailable: 0 },
    provenance: { verified: 0, invalid: 0, none: 0, unavailable: 0 },
    regressions: 0,
    resolvedElsewhere: 0,
    invalid: 0,
  };
  for (const p of packages) {
    summary.signature[p.signature]++;
    summary.provenance[p.provenance]++;
    if (p.regression) summary.regressions++;
    if (p.resolvedElsewhere) summary.resolvedElsewhere++;
    if (p.signature === 'invalid' || p.provenance === 'invalid') summary.invalid++;
  }
  return { schemaVersion: 1, packages, summary };
}

export function verifyReportJson(results: readonly PackageProvenance[]): string {
  return `${JSON.stringify(buildVerifyReport(results), null, 2)}\n`;
}

/** 1 when any signature or attestation is invalid, else 0. */
export function verifyExitCode(results: readonly PackageProvenance[]): 0 | 1 {
  return results.some((r) => r.signature.status === 'invalid' || r.provenance.status === 'invalid') ? 1 : 0;
}

function toReportPackage(r: PackageProvenance): VerifyReportPackage {
  const slsa = r.provenance.status === 'verified' ? r.provenance.slsa : undefined;
  return {
    ecosystem: r.ecosystem,
    name: r.name,
    version: r.version,
    signature: r.signature.status,
    provenance: r.provenance.status,
    source: { repository: slsa?.sourceRepository ?? null, commit: slsa?.commit ?? null, workflow: slsa?.workflowPath ?? null },
    registry: r.registry ?? null,
    signatureReason: r.signature.reason,
    provenanceReason: r.provenance.reason,
    keyId: r.signature.keyId ?? null,
    rekorLogIndex: slsa?.rekorLogIndex ?? null,
    regression: r.regression
      ? { kind: r.regression.kind, previousVersion: r.regression.previousVersion, previousRepository: r.regression.previousRepository ?? null }
      : null,
    resolvedElsewhere: r.resolvedElsewhere ?? null,
    checkedAt: r.checkedAt !== undefined ? new Date(r.checkedAt).toISOString() : null,
  };
}

/**
 * Verified provenance per ecosystem, over the packages whose registry could have given it: an
 * ecosystem none of whose packages' registries offers attestations (Go) has no figure.
 */
export function provenanceCoverage(results: readonly PackageProvenance[]): ProvenanceCoverage[] {
  const by = new Map<EcosystemName, ProvenanceCoverage>();
  for (const r of results) {
    if (r.provenance.code === 'registry-without-attestations') continue;
    const entry = by.get(r.ecosystem) ?? { ecosystem: r.ecosystem, packages: 0, verified: 0 };
    entry.packages++;
    if (r.provenance.status === 'verified') entry.verified++;
    by.set(r.ecosystem, entry);
  }
  return [...by.values()].sort((a, b) => (a.ecosystem < b.ecosystem ? -1 : 1));
}

/** `PyPI 3 of 4 packages (75%)` */
export function coverageText(c: ProvenanceCoverage): string {
  return `${c.ecosystem} ${c.verified} of ${plural(c.packages, 'package')} (${Math.round((100 * c.verified) / Math.max(1, c.packages))}%)`;
}

/** The human report: counts, the lists that need attention, then one row per package. */
export function verifyReportTable(results: readonly PackageProvenance[]): string {
  const report = buildVerifyReport(results);
  const { summary } = report;
  const out: string[] = [];
  out.push(`checked ${plural(summary.packages, 'package')}`);
  out.push('');
  // Go's verdicts come from its checksum database, not a registry key: counted and listed apart.
  const checksum = new Set([...results].sort(byNameVersion).flatMap((r, i) => (isChecksumVerdict(r.signature) ? [report.packages[i]!] : [])));
  const isChecksumCode = (p: VerifyReportPackage): boolean => checksum.has(p);
  const checksums = report.packages.filter((p) => p.signature === 'verified' && isChecksumCode(p)).length;
  const coverage = provenanceCoverage(results);
  if (summary.signature.verified - checksums) out.push(`${have(summary.signature.verified - checksums)} a verified registry signature`);
  if (checksums) out.push(`${have(checksums)} lock hashes matching a checksum database`);
  if (summary.provenance.verified) out.push(`${have(summary.provenance.verified)} verified provenance`);
  if (coverage.length) out.push(`provenance coverage: ${coverage.map(coverageText).join(', ')}`);
  if (summary.provenance.none) out.push(`${have(summary.provenance.none)} no provenance`);
  const cached = report.packages.filter((p) => p.checkedAt !== null).length;
  if (cached) out.push(`${plural(cached, 'result')} from earlier checks, shown offline (not checked again)`);
  const byStatus = (pick: (p: VerifyReportPackage) => boolean): VerifyReportPackage[] => report.packages.filter(pick);
  const skipped = byStatus((p) => p.signature === 'unavailable');
  if (skipped.length) {
    out.push(`${plural(skipped.length, 'package')} could not be checked for registry signatures:`);
    for (const [reason, count] of countBy(skipped.map((p) => p.signatureReason))) out.push(`  ${count} — ${plainText(reason)}`);
  }
  section(out, byStatus((p) => p.signature === 'missing' && !isChecksumCode(p)), 'a missing registry signature although the registry publishes signing keys', (p) => p.registry ?? '');
  section(out, byStatus((p) => p.signature === 'missing' && isChecksumCode(p)), 'no lock hash to check', (p) => p.signatureReason);
  section(out, byStatus((p) => p.signature === 'invalid' && !isChecksumCode(p)), 'an invalid registry signature', (p) => p.signatureReason);
  section(out, byStatus((p) => p.signature === 'invalid' && isChecksumCode(p)), 'a lock hash the checksum database contradicts', (p) => p.signatureReason);
  section(out, byStatus((p) => p.signature === 'unverified'), 'a registry signature that does not cover the locked bytes', (p) => p.signatureReason);
  section(out, byStatus((p) => p.resolvedElsewhere !== null), 'a tarball URL on another host than its registry', (p) => `${p.resolvedElsewhere ?? ''} (registry ${hostOf(p.registry ?? '')})`);
  section(out, byStatus((p) => p.provenance === 'invalid'), 'an invalid attestation', (p) => p.provenanceReason);
  section(out, byStatus((p) => p.regression !== null), 'a provenance regression', (p) => regressionText(p));
  if (summary.invalid) {
    out.push('');
    out.push(summary.invalid === 1
      ? 'Someone might have tampered with this package since it was published on the registry!'
      : 'Someone might have tampered with these packages since they were published on the registry!');
  }
  out.push('');
  out.push(...table(report.packages));
  return `${out.join('\n')}\n`;
}

function section(out: string[], packages: VerifyReportPackage[], what: string, detail: (p: VerifyReportPackage) => string): void {
  if (packages.length === 0) return;
  out.push('');
  out.push(`${have(packages.length)} ${what}:`);
  for (const p of packages) {
    const text = detail(p);
    out.push(`  ${plainText(`${p.name}@${p.version}`, 120)}${text ? ` — ${plainText(text, 300)}` : ''}`);
  }
}

function regressionText(p: VerifyReportPackage): string {
  const r = p.regression;
  if (!r) return '';
  if (r.kind === 'provenance-dropped') return `no provenance, ${r.previousVersion} had`;
  return `source changed from ${r.previousRepository ? repositoryLabel(r.previousRepository) : 'another repository'} (${r.previousVersion}) to ${p.source.repository ? repositoryLabel(p.source.repository) : 'another repository'}`;
}

/** A row per package; the ECOSYSTEM column appears when the packages come from more than one. */
function table(packages: VerifyReportPackage[]): string[] {
  const mixed = new Set(packages.map((p) => p.ecosystem)).size > 1;
  const rows = packages.map((p) => [
    ...(mixed ? [p.ecosystem] : []),
    plainText(p.name, 60),
    plainText(p.version, 30),
    p.signature,
    p.provenance,
    p.source.repository ? plainText(`${repositoryLabel(p.source.repository)}${p.source.commit ? `@${shortCommit(p.source.commit)}` : ''}`, 80) : '',
  ]);
  const header = [...(mixed ? ['ECOSYSTEM'] : []), 'NAME', 'VERSION', 'SIGNATURE', 'PROVENANCE', 'SOURCE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function have(n: number): string {
  return n === 1 ? '1 package has' : `${n} packages have`;
}

function byNameVersion(a: PackageProvenance, b: PackageProvenance): number {
  if (a.ecosystem !== b.ecosystem) return a.ecosystem < b.ecosystem ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
}
