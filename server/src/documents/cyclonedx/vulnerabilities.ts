import type { Range } from '../../core/text-range';
import { listAt, prop, textAt, textsAt, unique } from '../json-values';
import { withoutUndefined } from '../origin';
import type { DocumentPackage, VexStatement } from '../types';
import { CYCLONEDX_JUSTIFICATIONS, CYCLONEDX_STATES, lookup } from '../vex-mappings';
import type { WarningList } from '../warnings';
import { affectedProducts } from './affects';

/**
 * CycloneDX `vulnerabilities[]` with an `analysis.state` as VEX statements (docs/documents.md has
 * the mapping). A vulnerability without an analysis is a scanner finding (a VDR), not a statement,
 * and gives none.
 */

export interface VulnerabilityContext {
  /** Packages (and the subject) by bom-ref, to resolve `affects[].ref` to a purl. */
  byRef: ReadonlyMap<string, DocumentPackage>;
  timestamp?: string;
  author?: string;
  ranges: ReadonlyMap<number, Range>;
}

export function readVulnerabilities(bom: Record<string, unknown>, context: VulnerabilityContext, warnings: WarningList): VexStatement[] {
  const out: VexStatement[] = [];
  listAt(bom, 'vulnerabilities').forEach((vulnerability, index) => {
    const path = ['vulnerabilities', String(index)];
    const analysis = prop(vulnerability, 'analysis');
    const state = textAt(analysis, 'state');
    if (!state) return;
    const id = textAt(vulnerability, 'id');
    const status = lookup(CYCLONEDX_STATES, state);
    if (!id || !status) {
      // The schema already refused unknown states in validated versions; newer versions may add some.
      warnings.add(path, !id ? 'a vulnerability without an id is ignored' : `analysis state ${JSON.stringify(state)} is not one CycloneDX defines; ignored`);
      return;
    }
    const sourceJustification = textAt(analysis, 'justification');
    const justification = status === 'not_affected' ? lookup(CYCLONEDX_JUSTIFICATIONS, sourceJustification) : undefined;
    const products = affectedProducts(vulnerability, status, context.byRef, path, warnings);
    if (products.length === 0) warnings.add(path, `the analysis of ${id} names no product it affects; kept without products`);
    out.push(
      withoutUndefined({
        vulnerability: { id, aliases: unique(listAt(vulnerability, 'references').flatMap((r) => textAt(r, 'id') ?? []).filter((a) => a !== id)) },
        products,
        status,
        justification,
        impactStatement: textAt(analysis, 'detail'),
        actionStatement: actionStatement(vulnerability, analysis),
        timestamp: textAt(analysis, 'lastUpdated') ?? textAt(analysis, 'firstIssued') ?? textAt(vulnerability, 'updated') ?? context.timestamp,
        author: context.author,
        sourceStatus: state,
        sourceJustification,
        range: context.ranges.get(index),
      }),
    );
  });
  return out;
}

/** What to do: the recommendation and workaround in words, then the response codes. */
function actionStatement(vulnerability: unknown, analysis: unknown): string | undefined {
  const responses = textsAt(analysis, 'response');
  const parts = [
    textAt(vulnerability, 'recommendation'),
    textAt(vulnerability, 'workaround'),
    responses.length > 0 ? `response: ${responses.join(', ')}` : undefined,
  ].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join('\n') : undefined;
}
