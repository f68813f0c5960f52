import { basename } from 'node:path';
import type { ParseError } from '../core/package';
import type { DocumentReader } from '../documents';
import type { SourcedStatement } from '../vex/types';

/** One VEX file as read: its statements, or the errors that refused it (each at its place). */
export interface VexFileRead {
  path: string;
  statements: SourcedStatement[];
  errors: ParseError[];
  warnings: ParseError[];
  /** Why the file was read but not used (a Chainsight export, a document that holds no VEX). */
  skipped?: string;
}

/**
 * Reads one VEX document of any format the readers take (OpenVEX, CycloneDX VEX, CSAF VEX, or the
 * VEX inside a CycloneDX SBOM). Never throws: a file that does not read gives its errors and no
 * statements, so every other file is still honoured.
 */
export function readVexFile(path: string, text: string, reader: DocumentReader): VexFileRead {
  const results = reader.readAll(basename(path), text);
  const out: VexFileRead = { path, statements: [], errors: [], warnings: [] };
  for (const result of results) {
    if (!result.ok) {
      out.errors.push(...result.errors);
      continue;
    }
    out.warnings.push(...result.warnings);
    const doc = result.document;
    if (doc.kind === 'attestation') {
      out.skipped = 'an attestation, not a VEX document';
      continue;
    }
    if (doc.kind === 'vex' && isChainsightExport(text)) {
      // Reading our own export back would make it a source of the decisions it records: a
      // suppression removed from the project's VEX file would live on in last release's export.
      out.skipped = 'written by `chainsight scan --format openvex` (an export of the decisions, not a source of them)';
      continue;
    }
    for (const statement of doc.kind === 'vex' ? doc.statements : doc.vex) out.statements.push({ statement, source: { kind: 'file', path } });
  }
  // A JSON Lines file with one bad record refuses the whole file: half a set of decisions misleads.
  if (out.errors.length) out.statements = [];
  return out;
}

/** The `tooling` the OpenVEX export writes (reports/openvex.ts), which marks a document as an export. */
export const EXPORT_TOOLING = 'Chainsight scan --format openvex';

function isChainsightExport(text: string): boolean {
  if (!text.includes(EXPORT_TOOLING)) return false;
  try {
    const doc = JSON.parse(text) as { tooling?: unknown };
    return typeof doc.tooling === 'string' && doc.tooling.startsWith(EXPORT_TOOLING);
  } catch {
    return false;
  }
}
