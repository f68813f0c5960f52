import type { DocumentFormatEntry } from '../reader-types';
import { WarningList } from '../warnings';
import { readBom } from './bom';
import { isCycloneDxXml, readCycloneDxXml } from './xml';

/** CycloneDX, JSON (1.2–1.7) and XML: the registry entry. */
export const cyclonedxFormat: DocumentFormatEntry = {
  id: 'cyclonedx',
  label: 'CycloneDX',
  detect: (json) => json['bomFormat'] === 'CycloneDX' || (json['bomFormat'] === undefined && /cyclonedx\.org\/schema\/bom-/.test(String(json['$schema'] ?? ''))),
  read: (input, context) => {
    const { json, source } = input;
    const warnings = new WarningList(source);
    // Lenient: `bomFormat` is required, but a BOM that names the CycloneDX schema is clear enough.
    const value = json['bomFormat'] === undefined ? { ...json, bomFormat: 'CycloneDX' } : json;
    if (value !== json) warnings.add([], 'bomFormat is missing; read as CycloneDX because $schema names it');
    return readBom(value, { source, origin: input.origin, context, warnings });
  },
  text: { detect: isCycloneDxXml, read: readCycloneDxXml },
};

