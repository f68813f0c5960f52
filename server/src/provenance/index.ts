import type { EcosystemName } from '../core/package';
import { goProvenanceProvider } from './go/go-provider';
import { npmProvenanceProvider } from './npm/npm-provider';
import { pypiProvenanceProvider } from './pypi/pypi-provider';
import type { ProvenanceProvider } from './types';

/**
 * THE list of provenance providers, one per ecosystem that has registry signatures or attestations.
 * npm (registry signatures and Sigstore attestations), PyPI (PEP 740 attestations through the
 * Integrity API) and Go (go.sum against the checksum database); Maven Central would join here;
 * handlers and the CLI only ever go through `provenanceProviderFor`.
 */
export const PROVENANCE_PROVIDERS: readonly ProvenanceProvider[] = [npmProvenanceProvider, pypiProvenanceProvider, goProvenanceProvider];

export function provenanceProviderFor(ecosystem: EcosystemName): ProvenanceProvider | undefined {
  return PROVENANCE_PROVIDERS.find((provider) => provider.ecosystem === ecosystem);
}
