import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentReader, type ReadDocumentOptions } from '../../../server/src/documents';
import type { AttestationDocument, DocumentReadResult, SbomDocument, SupplyChainDocument, VexDocument } from '../../../server/src/documents/types';
import { parseTrustedRoot, type TrustedRootOutcome } from '../../../server/src/provenance/trusted-root';

/** Fixtures of `test/fixtures/documents/`, read by one reader shared by every documents test (as a process would). */
export const FIXTURES = join(__dirname, '../../fixtures/documents');
export const reader = new DocumentReader();

export function fixtureBytes(relative: string): Buffer {
  return readFileSync(join(FIXTURES, relative));
}

export function trustedRoot(name: 'public-good' | 'staging'): TrustedRootOutcome {
  const file = join(FIXTURES, 'trust', `${name}.trusted_root.json`);
  return parseTrustedRoot(readFileSync(file, 'utf8'), `${name}.trusted_root.json`);
}

export function readFixture(relative: string, options: ReadDocumentOptions = {}): DocumentReadResult {
  return reader.read(relative, fixtureBytes(relative), options);
}

export function readText(fileName: string, text: string, options: ReadDocumentOptions = {}): DocumentReadResult {
  return reader.read(fileName, text, options);
}

export function documentOf(result: DocumentReadResult): SupplyChainDocument {
  if (!result.ok) assert.fail(`expected a document, got errors: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.document;
}

export function sbomOf(result: DocumentReadResult): SbomDocument {
  const document = documentOf(result);
  assert.equal(document.kind, 'sbom');
  return document as SbomDocument;
}

export function vexOf(result: DocumentReadResult): VexDocument {
  const document = documentOf(result);
  assert.equal(document.kind, 'vex');
  return document as VexDocument;
}

export function attestationOf(result: DocumentReadResult): AttestationDocument {
  const document = documentOf(result);
  assert.equal(document.kind, 'attestation');
  return document as AttestationDocument;
}

/** The errors of a refused document; fails when it was read. */
export function errorsOf(result: DocumentReadResult): string[] {
  if (result.ok) assert.fail(`expected errors, got a ${result.document.kind} document`);
  return result.errors.map((e) => e.message);
}
