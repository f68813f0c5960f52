import { isRecord, listAt, text, textAt } from '../json-values';
import { withoutUndefined } from '../origin';
import { canonicalPurl, purlWithVersion } from '../purl';
import type { DocumentPackage, VexProduct, VexStatus } from '../types';
import type { WarningList } from '../warnings';

/**
 * What a CycloneDX vulnerability's analysis applies to (`affects[]`).
 *
 * `ref` is a bom-ref of this BOM (its component's purl, else the ref as id), or a BOM-Link
 * `urn:cdx:<serial>/<version>#<bom-ref>` into another BOM (kept as the id; the fragment is the purl
 * when it is one, as GUAC reads it, or when it names a component of this BOM).
 *
 * `versions[]` narrow it: exact versions of a purl become versioned purls, one product each; ranges
 * (`vers:`), and versions of a product named only by id, go in `versions`. A version whose own status
 * contradicts the analysis (`unaffected` under `exploitable`, `affected` under `not_affected`) is
 * left out, with a warning.
 */
export function affectedProducts(
  vulnerability: unknown,
  status: VexStatus,
  byRef: ReadonlyMap<string, DocumentPackage>,
  path: readonly string[],
  warnings: WarningList,
): VexProduct[] {
  const products: VexProduct[] = [];
  listAt(vulnerability, 'affects').forEach((affect, i) => {
    const ref = textAt(affect, 'ref');
    if (!ref) return;
    const base = resolveRef(ref, byRef);
    const listed = listAt(affect, 'versions').filter(isRecord);
    if (listed.length === 0) {
      products.push({ ...base, subcomponents: [] });
      return;
    }
    const kept = listed.filter((v) => agrees(text(v['status']), status));
    if (kept.length < listed.length) warnings.add([...path, 'affects', String(i)], `versions of ${ref} whose status contradicts the analysis (${status}) are left out`);
    const exact = kept.map((v) => text(v['version'])).filter((v): v is string => v !== undefined);
    const ranges = kept.map((v) => text(v['range'])).filter((v): v is string => v !== undefined);
    if (base.purl) {
      for (const version of exact) {
        const purl = purlWithVersion(base.purl, version);
        if (purl) products.push(withoutUndefined({ purl, id: base.id, subcomponents: [] }));
      }
      if (ranges.length > 0) products.push({ ...base, versions: ranges, subcomponents: [] });
    } else if (exact.length + ranges.length > 0) {
      products.push({ ...base, versions: [...exact, ...ranges], subcomponents: [] });
    }
  });
  return products;
}

/** A version's own status against the analysis: `unknown` (or none) never contradicts. */
function agrees(versionStatus: string | undefined, status: VexStatus): boolean {
  if (versionStatus === 'affected') return status === 'affected' || status === 'under_investigation';
  if (versionStatus === 'unaffected') return status === 'not_affected' || status === 'fixed';
  return true;
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
    return purl.ok ? { purl: purl.purl, id: ref } : { id: ref };
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
