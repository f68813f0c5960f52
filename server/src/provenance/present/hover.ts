import { codeSpan, escapeInline, markdownLink } from '../../core/markdown';
import type { EcosystemName } from '../../core/package';
import type { PackageProvenance, ProvenanceCheck, ProvenanceRegression, SignatureCheck, SlsaProvenance } from '../types';
import { ageText, builderLabel, isChecksumVerdict, commitUrl, hostOf, repositoryLabel, repositoryWebUrl, shortCommit, shortKeyId } from './labels';
import { plainText } from './plain-text';
import { requiresProvenance } from './policy';

/**
 * Hover Markdown for a package's signature and provenance, shown under the vulnerability section.
 * Every value from a registry or a bundle is escaped; links are http(s) only (core/markdown).
 */

export interface HoverOptions {
  /** `chainsight.policy.requireProvenance` globs. */
  requireProvenance?: readonly string[];
  /** For the age of a cached verdict (default Date.now). */
  now?: number;
}

/** One Markdown line per fact (signature, provenance, regression, where the tarball comes from, policy, age). */
export function provenanceHoverLines(result: PackageProvenance, options: HoverOptions = {}): string[] {
  const lines = [signatureLine(result.signature, result.ecosystem), provenanceLine(result.provenance)];
  if (result.regression) lines.push(regressionLine(result.version, result.regression));
  const elsewhere = resolvedElsewhereLine(result);
  if (elsewhere) lines.push(elsewhere);
  if (result.provenance.status === 'none' && requiresProvenance(result.name, options.requireProvenance)) {
    lines.push('⚠ provenance is required for this package by chainsight\\.policy\\.requireProvenance');
  }
  if (result.checkedAt !== undefined) lines.push(`Checked ${escapeInline(ageText((options.now ?? Date.now()) - result.checkedAt))} ago; offline, not checked again`);
  return lines;
}

/**
 * The lockfile fetches this package from another host than its registry: the registry's signature
 * does not vouch for what that host serves. Undefined when the tarball is on the registry.
 */
export function resolvedElsewhereLine(result: Pick<PackageProvenance, 'resolvedElsewhere' | 'registry'>): string | undefined {
  if (!result.resolvedElsewhere) return undefined;
  const registry = result.registry ? ` ${escapeInline(hostOf(result.registry))}` : '';
  return `⚠ fetched from ${escapeInline(hostOf(result.resolvedElsewhere))}, not from its registry${registry}: ${codeSpan(plainText(result.resolvedElsewhere, 200))}`;
}

/** The lines as one Markdown block (hard line breaks between them). */
export function provenanceHoverMarkdown(result: PackageProvenance, options: HoverOptions = {}): string {
  return provenanceHoverLines(result, options).join('  \n');
}

export function signatureLine(signature: SignatureCheck, ecosystem: EcosystemName): string {
  const label = isChecksumVerdict(signature) ? 'Checksum' : 'Signature';
  switch (signature.status) {
    case 'verified':
      if (signature.authority) return `Checksum ✓ matches the ${escapeInline(signature.authority)}`;
      return `Signature ✓ verified${signature.keyId ? ` (${escapeInline(ecosystem)} registry key ${escapeInline(shortKeyId(signature.keyId))})` : ''}`;
    case 'invalid':
      return `${label} ✗ invalid — ${escapeInline(signature.reason)}`;
    case 'unverified':
      return `Signature ⚠ does not cover the locked bytes — ${escapeInline(signature.reason)}`;
    case 'missing':
      return label === 'Checksum'
        ? `Checksum ⚠ missing — ${escapeInline(signature.reason)}`
        : 'Signature ⚠ missing — the registry publishes signing keys but this version carries no signature';
    case 'unavailable':
      if (signature.code === 'offline') return `${label} — ${escapeInline(signature.reason)}`;
      return signature.code === 'registry-without-keys'
        ? 'Signature — not provided by this registry'
        : `${label} — not checked: ${escapeInline(signature.reason)}`;
  }
}

export function provenanceLine(provenance: ProvenanceCheck): string {
  switch (provenance.status) {
    case 'verified':
      return provenance.slsa ? `Provenance ✓ ${verifiedProvenanceText(provenance.slsa)}` : 'Provenance ✓ verified';
    case 'invalid':
      return `Provenance ✗ invalid — ${escapeInline(provenance.reason)}`;
    case 'none':
      if (provenance.code === 'no-trusted-publisher') return `Provenance — none: ${escapeInline(provenance.reason)}`;
      return provenance.code === 'no-provenance-predicate'
        ? 'Provenance — none published (publish attestation only)'
        : 'Provenance — none published';
    case 'unavailable':
      if (provenance.code === 'offline') return `Provenance — ${escapeInline(provenance.reason)}`;
      return provenance.code === 'registry-without-attestations'
        ? 'Provenance — not provided by this registry'
        : `Provenance — not checked: ${escapeInline(provenance.reason)}`;
  }
}

/**
 * `built by GitHub Actions from github.com/o/r @ abc1234 (.github/workflows/x.yml, refs/tags/v1) — Rekor #N`,
 * or for a file a Trusted Publisher uploaded: `published by github.com/o/r via .github/workflows/x.yml (Trusted Publishing) — Rekor #N`.
 */
function verifiedProvenanceText(slsa: SlsaProvenance): string {
  const source = slsa.sourceRepository ? repositoryText(slsa.sourceRepository) : undefined;
  const rekor = slsa.rekorLogIndex && slsa.rekorUrl ? ` — ${markdownLink(`Rekor #${slsa.rekorLogIndex}`, slsa.rekorUrl)}` : '';
  if (slsa.publishedVia) {
    const via = slsa.workflowPath ? ` via ${escapeInline(slsa.workflowPath)}` : '';
    return `published by ${source ?? 'its Trusted Publisher'}${via} (${escapeInline(slsa.publishedVia)})${rekor}`;
  }
  let text = `built by ${escapeInline(builderLabel(slsa))}`;
  if (source) text += ` from ${source}`;
  if (slsa.commit) {
    const url = commitUrl(slsa.sourceRepository, slsa.commit);
    text += ` @ ${url ? markdownLink(shortCommit(slsa.commit), url) : escapeInline(shortCommit(slsa.commit))}`;
  }
  const where = [slsa.workflowPath, slsa.ref].filter((part): part is string => !!part).map(escapeInline);
  if (where.length > 0) text += ` (${where.join(', ')})`;
  return text + rekor;
}

/** A repository as a link when it has a web page, else as escaped text. */
function repositoryText(repository: string): string {
  const web = repositoryWebUrl(repository);
  const label = repositoryLabel(repository);
  return web ? markdownLink(label, web) : escapeInline(label);
}

export function regressionLine(version: string, regression: ProvenanceRegression): string {
  if (regression.kind === 'provenance-dropped') {
    return `⚠ ${escapeInline(version)} has no provenance, ${escapeInline(regression.previousVersion)} had`;
  }
  const before = regression.previousRepository ? repositoryLabel(regression.previousRepository) : 'another repository';
  const now = regression.currentRepository ? repositoryLabel(regression.currentRepository) : 'another repository';
  return `⚠ source repository changed: ${escapeInline(regression.previousVersion)} was built from ${escapeInline(before)}, ${escapeInline(version)} from ${escapeInline(now)}`;
}
