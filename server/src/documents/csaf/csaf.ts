import { isRecord, listAt, prop, textAt, unique } from '../json-values';
import { makeOrigin, withoutUndefined } from '../origin';
import { elementRanges, errorAt } from '../positions';
import type { DocumentFormatEntry, ReaderContext, ReaderInput, ReaderOutcome } from '../reader-types';
import type { VexJustification, VexProduct, VexStatement, VexStatus } from '../types';
import { CSAF_FLAG_LABELS, CSAF_STATUSES, lookup } from '../vex-mappings';
import { WarningList } from '../warnings';
import { ProductTree } from './product-tree';

/**
 * CSAF 2.0 (the `csaf_vex` profile, and any other profile's `product_status` read the same way).
 * Each vulnerability gives one statement per distinct (status, justification, impact, action),
 * listing every product that shares them; docs/documents.md has the mapping.
 */

export const csafFormat: DocumentFormatEntry = {
  id: 'csaf',
  label: 'CSAF',
  detect: (json) => typeof prop(json['document'], 'csaf_version') === 'string',
  read: readCsaf,
};

function readCsaf(input: ReaderInput, context: ReaderContext): ReaderOutcome {
  const { json, source } = input;
  const document = json['document'];
  const csafVersion = textAt(document, 'csaf_version');
  if (csafVersion !== '2.0' && csafVersion !== '2.1') {
    return { ok: false, errors: [errorAt(source, ['document', 'csaf_version'], `CSAF ${JSON.stringify(csafVersion).slice(0, 20)} is not a version Chainsight reads (2.0)`)] };
  }
  const structural = context.validators.validate('csaf-2.0', json, source);
  if (!structural.ok) return structural;
  const warnings = new WarningList(source);
  warnings.addPlaced(structural.warnings);
  const category = textAt(document, 'category');
  if (category !== 'csaf_vex') warnings.add(['document', 'category'], `a ${category ?? 'CSAF'} document, not the csaf_vex profile: its product status is read as VEX`);

  const tracking = prop(document, 'tracking');
  const origin = makeOrigin({
    ...input.origin,
    format: 'csaf',
    specVersion: csafVersion,
    id: textAt(tracking, 'id'),
    issuedAt: textAt(tracking, 'current_release_date') ?? textAt(tracking, 'initial_release_date'),
    author: textAt(prop(document, 'publisher'), 'name'),
  });
  const tree = new ProductTree(json['product_tree'], warnings);
  const ranges = elementRanges(source, ['vulnerabilities']);
  const statements: VexStatement[] = [];
  listAt(json, 'vulnerabilities').forEach((vulnerability, index) => {
    const ids = unique([textAt(vulnerability, 'cve'), ...listAt(vulnerability, 'ids').map((i) => textAt(i, 'text'))].filter((i): i is string => i !== undefined));
    if (ids.length === 0) {
      warnings.add(['vulnerabilities', String(index)], 'a vulnerability with neither cve nor ids is ignored');
      return;
    }
    const base = { vulnerability: { id: ids[0]!, aliases: ids.slice(1) }, timestamp: origin.issuedAt, author: origin.author, range: ranges.get(index) };
    statements.push(...vulnerabilityStatements(vulnerability, tree).map((s) => withoutUndefined({ ...base, ...s })));
  });
  return { ok: true, document: { kind: 'vex', origin, statements }, warnings: warnings.list() };
}

type Partial = Pick<VexStatement, 'products' | 'status' | 'justification' | 'impactStatement' | 'actionStatement' | 'sourceStatus' | 'sourceJustification'>;

function vulnerabilityStatements(vulnerability: unknown, tree: ProductTree): Partial[] {
  const justifications = byProduct(vulnerability, 'flags', tree, (flag) => textAt(flag, 'label'));
  const impacts = byProduct(vulnerability, 'threats', tree, (threat) => (textAt(threat, 'category') === 'impact' ? textAt(threat, 'details') : undefined));
  const actions = byProduct(vulnerability, 'remediations', tree, remediationText);
  const groups = new Map<string, Partial & { products: VexProduct[] }>();
  const productStatus = prop(vulnerability, 'product_status');
  if (!isRecord(productStatus)) return [];
  for (const [sourceStatus, list] of Object.entries(productStatus)) {
    const status: VexStatus | undefined = lookup(CSAF_STATUSES, sourceStatus);
    if (!status || !Array.isArray(list)) continue;
    for (const productId of list) {
      if (typeof productId !== 'string') continue;
      const sourceJustification = status === 'not_affected' ? justifications(productId)[0] : undefined;
      const justification: VexJustification | undefined = lookup(CSAF_FLAG_LABELS, sourceJustification);
      const impactStatement = status === 'not_affected' ? joined(impacts(productId)) : undefined;
      const actionStatement = status === 'not_affected' ? undefined : joined(actions(productId));
      const key = JSON.stringify([sourceStatus, sourceJustification, impactStatement, actionStatement]);
      let group = groups.get(key);
      if (!group) {
        group = withoutUndefined({ products: [], status, justification, impactStatement, actionStatement, sourceStatus, sourceJustification });
        groups.set(key, group);
      }
      group.products.push(tree.vexProduct(productId));
    }
  }
  return [...groups.values()];
}

/**
 * What the items of one list (flags, threats, remediations) say, per product id. An item that names
 * no product applies to every product of the vulnerability (CSAF allows this for threats).
 */
function byProduct(vulnerability: unknown, key: string, tree: ProductTree, say: (item: unknown) => string | undefined): (productId: string) => string[] {
  const perProduct = new Map<string, string[]>();
  const everyProduct: string[] = [];
  for (const item of listAt(vulnerability, key)) {
    const words = say(item);
    if (words === undefined) continue;
    const ids = tree.idsOf(item);
    if (ids.length === 0) everyProduct.push(words);
    for (const id of ids) perProduct.set(id, [...(perProduct.get(id) ?? []), words]);
  }
  return (productId) => unique([...(perProduct.get(productId) ?? []), ...everyProduct]);
}

function remediationText(remediation: unknown): string | undefined {
  const category = textAt(remediation, 'category');
  const details = textAt(remediation, 'details');
  const url = textAt(remediation, 'url');
  if (!category && !details) return undefined;
  return `${category ?? 'remediation'}: ${details ?? ''}${url ? ` (${url})` : ''}`.trim();
}

function joined(parts: string[]): string | undefined {
  return parts.length > 0 ? parts.join('\n') : undefined;
}
