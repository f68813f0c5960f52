import type { EcosystemName } from '../core/package';

/** `npm:lodash@4.17.21` — how results are keyed. */
export function provenanceKey(ecosystem: EcosystemName, name: string, version: string): string {
  return `${ecosystem}:${name}@${version}`;
}
