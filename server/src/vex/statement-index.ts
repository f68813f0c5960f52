import type { VexProductRef } from '../documents/types';
import { PurlCache, purlCovers, purlPrecision, type ParsedPurl } from './purl-match';
import { versionsAdmit } from './vers';
import type { SourcedStatement } from './types';
import { normalizeVulnerabilityId, vulnerabilityKeys } from './vulnerability-ids';

/** The names a finding's vulnerability goes by. */
export interface VulnerabilityNames {
  id: string;
  aliases: readonly string[];
  records?: readonly string[];
}

/** A purl of a statement, parsed once. */
export interface PreparedRef {
  purl: ParsedPurl;
  precision: number;
  /** Versions or `vers:` ranges the ref is narrowed to (vers.ts). */
  versions?: readonly string[];
}

/** Whether a statement's product or subcomponent names this package: its purl, and its versions when it lists some. */
export function refCovers(ref: PreparedRef, target: ParsedPurl): boolean {
  return purlCovers(ref.purl, target) && (ref.versions === undefined || versionsAdmit(ref.versions, target.version, target.type));
}

export interface PreparedProduct {
  product: PreparedRef;
  subcomponents: PreparedRef[];
}

/** A statement ready for matching: its place in the set, its time as a number, its purls parsed (on first use). */
export interface PreparedStatement {
  matched: SourcedStatement;
  order: number;
  time: number;
  products?: PreparedProduct[];
}

/**
 * A set of VEX statements indexed for matching: by every vulnerability id and alias they give, with
 * their purls parsed the first time a finding needs them (most statements of a large VEX file never
 * name a vulnerability a given scan found). Build one per set of statements and keep it while they
 * do not change (the language server keeps one per workspace); every scan matches against it.
 */
export class VexIndex {
  private readonly byVulnerability = new Map<string, PreparedStatement[]>();
  private readonly ids = new Map<string, string>();

  constructor(
    readonly statements: readonly SourcedStatement[],
    /** Parsed purls, shared by every scan against this index (statements' and packages' alike). */
    readonly purls: PurlCache = new PurlCache(),
  ) {
    statements.forEach((matched, order) => {
      const time = matched.statement.timestamp ? Date.parse(matched.statement.timestamp) : NaN;
      const prepared: PreparedStatement = { matched, order, time: Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time };
      for (const key of vulnerabilityKeys(matched.statement.vulnerability.id, matched.statement.vulnerability.aliases)) {
        const list = this.byVulnerability.get(key);
        if (list) list.push(prepared);
        else this.byVulnerability.set(key, [prepared]);
      }
    });
  }

  /** Statements naming the vulnerability by its id, an alias or a grouped record, each once. */
  candidates(vulnerability: VulnerabilityNames): PreparedStatement[] {
    let found: PreparedStatement[] | undefined;
    let seen: Set<PreparedStatement> | undefined;
    for (const list of [[vulnerability.id], vulnerability.aliases, vulnerability.records ?? []]) {
      for (const id of list) {
        const hits = this.byVulnerability.get(this.normalized(id));
        if (!hits) continue;
        if (!found) found = hits;
        else {
          seen ??= new Set(found);
          for (const h of hits) seen.add(h);
        }
      }
    }
    return seen ? [...seen] : (found ?? []);
  }

  /** Whether any statement names the vulnerability (cheap: no paths, no purls). */
  hasCandidates(vulnerability: VulnerabilityNames): boolean {
    for (const list of [[vulnerability.id], vulnerability.aliases, vulnerability.records ?? []]) for (const id of list) if (this.byVulnerability.has(this.normalized(id))) return true;
    return false;
  }

  /** Ids repeat across a scan (one advisory, many packages): each is normalised once. */
  private normalized(id: string): string {
    let key = this.ids.get(id);
    if (key === undefined) this.ids.set(id, (key = normalizeVulnerabilityId(id)));
    return key;
  }

  products(prepared: PreparedStatement): PreparedProduct[] {
    if (prepared.products) return prepared.products;
    const products: PreparedProduct[] = [];
    for (const p of prepared.matched.statement.products) {
      const product = this.ref(p);
      if (!product) continue;
      // A product whose subcomponents are all unreadable says nothing about any package we scan.
      const subcomponents = p.subcomponents.map((s) => this.ref(s)).filter((r): r is PreparedRef => r !== undefined);
      if (p.subcomponents.length > 0 && subcomponents.length === 0) continue;
      products.push({ product, subcomponents });
    }
    prepared.products = products;
    return products;
  }

  private ref(ref: VexProductRef): PreparedRef | undefined {
    // The purl a product or subcomponent names: its purl, or an `@id` that is one.
    const text = ref.purl ?? (ref.id?.startsWith('pkg:') ? ref.id : undefined);
    const purl = text === undefined ? undefined : this.purls.parse(text);
    if (!purl) return undefined;
    // Listed versions narrow a version-less purl: exact ones as much as a version, ranges a little less.
    const versions = ref.versions?.length ? ref.versions : undefined;
    const narrowing = versions ? (versions.every((v) => !v.startsWith('vers:')) ? 100 : 50) : 0;
    return { purl, precision: purlPrecision(purl) + narrowing, ...(versions ? { versions } : {}) };
  }
}
