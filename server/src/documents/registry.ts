import { inTotoFormat } from './attestations/in-toto';
import { sigstoreBundleFormat } from './attestations/sigstore-bundle';
import { csafFormat } from './csaf/csaf';
import { cyclonedxFormat } from './cyclonedx/cyclonedx';
import { openvexFormat } from './openvex';
import type { DocumentFormatEntry } from './reader-types';
import { spdxFormat } from './spdx/spdx';

/**
 * THE list of document formats: one entry per format, each owning its detection and its reader.
 * Order matters only where two detections could both match; none do today (each looks at the
 * format's own marker field).
 */
export const DOCUMENT_FORMATS: readonly DocumentFormatEntry[] = [cyclonedxFormat, spdxFormat, openvexFormat, csafFormat, inTotoFormat, sigstoreBundleFormat];

/** The format of a parsed JSON object, by its content. */
export function detectFormat(json: Record<string, unknown>): DocumentFormatEntry | undefined {
  return DOCUMENT_FORMATS.find((format) => format.detect(json));
}
