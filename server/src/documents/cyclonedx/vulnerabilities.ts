import type { Range } from '../../core/text-range';
import { isRecord, listAt, prop, text, textAt, textsAt, unique } from '../json-values';
import { withoutUndefined } from '../origin';
import { canonicalPurl, purlWithVersion } from '../purl';
import type { DocumentPackage, VexProduct, VexStatement } from '../types';
import { CYCLONEDX_JUSTIFICATIONS, CYCLONEDX_STATES, lookup } from '../vex-mappings';
import type { WarningList } from '../warnings';

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
    const products = affectedProducts(vulnerability, context, path, warnings);
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

/**
 * `affects[].ref` is a bom-ref of this BOM (its component's purl, else the ref), or a BOM-Link
 * `urn:cdx:<serial>/<version>#<bom-ref>` into another BOM (kept as the id; the fragment is the purl
 * when it is one, as GUAC reads it). Exact `versions[].version` entries narrow a purl to those
 * versions; ranges (`vers:`) cannot be written as a purl and leave the product as named.
 */
function affectedProducts(vulnerability: unknown, context: VulnerabilityContext, path: string[], warnings: WarningList): VexProduct[] {
  const products: VexProduct[] = [];
  listAt(vulnerability, 'affects').forEach((affect, i) => {
    const ref = textAt(affect, 'ref');
    if (!ref) return;
    const base = resolveRef(ref, context.byRef);
    const versions = listAt(affect, 'versions')
      .filter(isRecord)
      .map((v) => text(v['version']))
      .filter((v): v is string => v !== undefined);
    if (base.purl && versions.length > 0) {
      for (const version of versions) {
        const purl = purlWithVersion(base.purl, version);
        if (purl) products.push(withoutUndefined({ purl, id: base.id, subcomponents: [] }));
      }
    } else {
      if (versions.length > 0) warnings.add([...path, 'affects', String(i)], `versions of ${ref} cannot be narrowed without a purl; the statement names the product as a whole`);
      products.push(withoutUndefined({ ...base, subcomponents: [] }));
    }
  });
  return products;
}

function resolveRef(ref: string, byRef: ReadonlyMap<string, DocumentPackage>): { purl?: string; id?: string } {
  const local = byRef.get(ref);
  if (local) return local.purl ? { purl: local.purl } : { id: ref };
  const hash = ref.indexOf('#');
  if (hash !== -1) {
    const fragment = safeDecode(ref.slice(hash + 1));
    // A link whose fragment is one of this BOM's own components (GUAC writes `<serialNumber>/1#<bom-ref>`).
    const linked = byRef.get(fragment);
    if (linked?.purl) return { purl: linked.purl, id: ref };
    const purl = canonicalPurl(fragment);
    if (purl.ok) return { purl: purl.purl, id: ref };
    return { id: ref };
  }
  const purl = canonicalPurl(ref);
  return purl.ok ? { purl: purl.purl } : { id: ref };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
