import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readDocument } from '../../server/src/documents';
import type { VexJustification, VexProduct, VexStatement, VexStatus } from '../../server/src/documents/types';
import type { SourcedStatement } from '../../server/src/vex/types';

/** The real VEX documents (OpenVEX, CycloneDX VEX, CSAF) the document readers are tested on. */
export const DOCUMENTS = path.join(__dirname, '..', 'fixtures', 'documents');

/** Every statement of a VEX document (or of the VEX inside an SBOM), read by the real readers. */
export function readVexStatements(file: string, text: string | Uint8Array = readFileSync(file)): SourcedStatement[] {
  const result = readDocument(path.basename(file), text);
  if (!result.ok) throw new Error(`${file}: ${result.errors.map((e) => e.message).join('; ')}`);
  const doc = result.document;
  const statements = doc.kind === 'vex' ? doc.statements : doc.kind === 'sbom' ? doc.vex : [];
  return statements.map((statement) => ({ statement, source: { kind: 'file', path: file } }));
}

/** The one statement of a fixture document about a vulnerability. */
export function fixtureStatement(relative: string, vulnerability: string): SourcedStatement {
  const found = readVexStatements(path.join(DOCUMENTS, relative)).filter((s) => s.statement.vulnerability.id === vulnerability);
  if (found.length !== 1) throw new Error(`${relative} has ${found.length} statements about ${vulnerability}`);
  return found[0]!;
}

export function fromFile(statement: VexStatement, file: string): SourcedStatement {
  return { statement, source: { kind: 'file', path: file } };
}

export function vexProduct(purl: string, subcomponents: string[] = []): VexProduct {
  return { purl, subcomponents: subcomponents.map((s) => ({ purl: s })) };
}

/** A statement as a team would write it for the goof scan: the fields that matter, the rest left out. */
export function handStatement(fields: { id: string; aliases?: string[]; products: VexProduct[]; status: VexStatus; justification?: VexJustification; timestamp?: string; expires?: string; actionStatement?: string }): VexStatement {
  return {
    vulnerability: { id: fields.id, aliases: fields.aliases ?? [] },
    products: fields.products,
    status: fields.status,
    ...(fields.justification ? { justification: fields.justification } : {}),
    ...(fields.timestamp ? { timestamp: fields.timestamp } : {}),
    ...(fields.expires ? { expires: fields.expires } : {}),
    ...(fields.actionStatement ? { actionStatement: fields.actionStatement } : {}),
  };
}
