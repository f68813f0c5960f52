import { hexDigest } from '../digests';
import { listAt, prop, textAt, textsAt } from '../json-values';
import { withoutUndefined } from '../origin';
import { canonicalPurl } from '../purl';
import type { Digest, VexProduct, VexProductRef } from '../types';
import type { WarningList } from '../warnings';

/**
 * A CSAF 2.0 product tree (§3.1.2 / §3.2.2) as VEX products. Every full product name, whether in a
 * branch, in `full_product_names` or made by a relationship, is indexed by its product id. A
 * relationship product ("component X default_component_of product Y") becomes product Y with X as
 * its subcomponent, OpenVEX's way of saying the same. A product is named by its purl when its
 * identification helper gives one, else by its CPE, else by its product id.
 */

interface ProductEntry {
  ref: VexProductRef;
  /** For relationship products: the product and the component inside it. */
  parent?: string;
  component?: string;
}

export class ProductTree {
  private readonly products = new Map<string, ProductEntry>();
  private readonly groups = new Map<string, string[]>();

  constructor(tree: unknown, warnings: WarningList) {
    const stack: Array<{ branch: unknown; path: string[] }> = listAt(tree, 'branches').map((branch, i) => ({ branch, path: ['product_tree', 'branches', String(i)] }));
    while (stack.length > 0) {
      const { branch, path } = stack.pop()!;
      const product = prop(branch, 'product');
      if (product !== undefined) this.addProduct(product, [...path, 'product'], warnings);
      listAt(branch, 'branches').forEach((child, i) => stack.push({ branch: child, path: [...path, 'branches', String(i)] }));
    }
    listAt(tree, 'full_product_names').forEach((p, i) => this.addProduct(p, ['product_tree', 'full_product_names', String(i)], warnings));
    listAt(tree, 'relationships').forEach((relationship, i) => {
      const path = ['product_tree', 'relationships', String(i), 'full_product_name'];
      const id = this.addProduct(prop(relationship, 'full_product_name'), path, warnings);
      const entry = id === undefined ? undefined : this.products.get(id);
      if (!entry) return;
      entry.component = textAt(relationship, 'product_reference');
      entry.parent = textAt(relationship, 'relates_to_product_reference');
    });
    for (const group of listAt(tree, 'product_groups')) {
      const id = textAt(group, 'group_id');
      if (id) this.groups.set(id, textsAt(group, 'product_ids'));
    }
  }

  /** Product ids a flag, threat or remediation names, its groups expanded. */
  idsOf(item: unknown): string[] {
    return [...textsAt(item, 'product_ids'), ...textsAt(item, 'group_ids').flatMap((g) => this.groups.get(g) ?? [])];
  }

  /** The product a product id names, as a VEX product (with its component as subcomponent). */
  vexProduct(productId: string): VexProduct {
    const entry = this.products.get(productId);
    if (entry?.parent !== undefined && entry.component !== undefined) {
      return { ...this.ref(entry.parent), subcomponents: [this.ref(entry.component)] };
    }
    return { ...this.ref(productId), subcomponents: [] };
  }

  private ref(productId: string): VexProductRef {
    return this.products.get(productId)?.ref ?? { id: productId };
  }

  private addProduct(product: unknown, path: string[], warnings: WarningList): string | undefined {
    const id = textAt(product, 'product_id');
    if (!id) return undefined;
    const helper = prop(product, 'product_identification_helper');
    // CSAF 2.0 has one `purl`; CSAF 2.1 a list `purls`.
    const declared = textAt(helper, 'purl') ?? textsAt(helper, 'purls')[0];
    let purl: string | undefined;
    if (declared) {
      const parsed = canonicalPurl(declared);
      if (parsed.ok) purl = parsed.purl;
      else warnings.add([...path, 'product_identification_helper'], `not a valid package URL, the product keeps its id (${parsed.reason})`);
    }
    const digests = helperDigests(helper);
    const ref = withoutUndefined({ purl, id: purl ? undefined : (textAt(helper, 'cpe') ?? id), digests: digests.length > 0 ? digests : undefined });
    this.products.set(id, { ref });
    return id;
  }
}

function helperDigests(helper: unknown): Digest[] {
  return listAt(helper, 'hashes').flatMap((h) =>
    listAt(h, 'file_hashes').flatMap((fh) => {
      const algorithm = textAt(fh, 'algorithm');
      const digest = algorithm ? hexDigest(algorithm, prop(fh, 'value')) : undefined;
      return digest ? [digest] : [];
    }),
  );
}
