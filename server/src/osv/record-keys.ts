import type { OsvRecord } from './types';
import { isKnownEcosystem, purlFor } from './purl';

/**
 * The versionless purls of the packages a record names, for ecosystems Chainsight scans. Records for
 * other ecosystems (Debian, Alpine, ...) are kept but indexed under no package.
 */
export function purlsNamedBy(record: OsvRecord): string[] {
  const purls = new Set<string>();
  for (const affected of record.affected ?? []) {
    const pkg = affected?.package;
    if (!pkg || typeof pkg.ecosystem !== 'string' || typeof pkg.name !== 'string' || pkg.name === '') continue;
    if (isKnownEcosystem(pkg.ecosystem)) purls.add(purlFor(pkg.ecosystem, pkg.name));
  }
  return [...purls];
}

/** The bare ecosystems a record names (`Debian:11` counts as `Debian`), for labelling an import. */
export function ecosystemsNamedBy(record: OsvRecord): string[] {
  const names = new Set<string>();
  for (const affected of record.affected ?? []) {
    const ecosystem = affected?.package?.ecosystem;
    if (typeof ecosystem === 'string' && ecosystem !== '') names.add(ecosystem.split(':')[0]!);
  }
  return [...names];
}

/** Parses JSON the store wrote itself; a damaged row reads as missing rather than failing a scan. */
export function parseStoredRecord(json: string): OsvRecord | undefined {
  try {
    const value = JSON.parse(json) as OsvRecord;
    return typeof value === 'object' && value !== null && typeof value.id === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Withdrawn records are never answered, whichever source they came from. */
export function isWithdrawn(record: OsvRecord): boolean {
  return typeof record.withdrawn === 'string' && record.withdrawn !== '';
}
