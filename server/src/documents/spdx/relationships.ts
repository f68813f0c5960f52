import { listAt, textAt } from '../json-values';

/**
 * SPDX 2.2/2.3 relationship types (spec clause 11.1) that mean "needs or includes", each with its
 * direction: `forward` when `A <type> B` means A depends on (or contains) B, `reverse` when it
 * means B depends on A. Every other type (DESCRIBES, GENERATES, VARIANT_OF, COPY_OF, …) is not a
 * dependency edge.
 */
export const DEPENDENCY_RELATIONSHIPS: Readonly<Record<string, 'forward' | 'reverse'>> = {
  DEPENDS_ON: 'forward',
  DEPENDENCY_OF: 'reverse',
  BUILD_DEPENDENCY_OF: 'reverse',
  DEV_DEPENDENCY_OF: 'reverse',
  OPTIONAL_DEPENDENCY_OF: 'reverse',
  PROVIDED_DEPENDENCY_OF: 'reverse',
  TEST_DEPENDENCY_OF: 'reverse',
  RUNTIME_DEPENDENCY_OF: 'reverse',
  CONTAINS: 'forward',
  CONTAINED_BY: 'reverse',
  PACKAGE_OF: 'reverse',
  HAS_PREREQUISITE: 'forward',
  PREREQUISITE_FOR: 'reverse',
  STATIC_LINK: 'forward',
  DYNAMIC_LINK: 'forward',
};

export interface SpdxRelationship {
  from: string;
  type: string;
  to: string;
  index: number;
}

export function relationships(document: Record<string, unknown>): SpdxRelationship[] {
  const out: SpdxRelationship[] = [];
  listAt(document, 'relationships').forEach((r, index) => {
    const from = textAt(r, 'spdxElementId');
    const type = textAt(r, 'relationshipType');
    const to = textAt(r, 'relatedSpdxElement');
    if (from && type && to) out.push({ from, type: type.toUpperCase(), to, index });
  });
  return out;
}

/** What the document describes: `documentDescribes`, DESCRIBES from the document, DESCRIBED_BY to it. */
export function describedRefs(document: Record<string, unknown>, all: readonly SpdxRelationship[]): string[] {
  const self = textAt(document, 'SPDXID') ?? 'SPDXRef-DOCUMENT';
  const refs = listAt(document, 'documentDescribes').filter((r): r is string => typeof r === 'string');
  for (const r of all) {
    if (r.type === 'DESCRIBES' && r.from === self) refs.push(r.to);
    if (r.type === 'DESCRIBED_BY' && r.to === self) refs.push(r.from);
  }
  return [...new Set(refs)];
}

/** The dependency edges among `known` refs, each once, directions as the table says. */
export function dependencyEdges(all: readonly SpdxRelationship[], known: ReadonlySet<string>, otherElements: ReadonlySet<string>): { edges: Array<{ from: string; to: string }>; unknownRef?: SpdxRelationship } {
  const edges: Array<{ from: string; to: string }> = [];
  const seen = new Set<string>();
  let unknownRef: SpdxRelationship | undefined;
  for (const r of all) {
    const direction = Object.prototype.hasOwnProperty.call(DEPENDENCY_RELATIONSHIPS, r.type) ? DEPENDENCY_RELATIONSHIPS[r.type] : undefined;
    if (!direction) continue;
    const [from, to] = direction === 'forward' ? [r.from, r.to] : [r.to, r.from];
    if (!known.has(from) || !known.has(to)) {
      // Files, NONE/NOASSERTION and other documents' elements are not packages: not an error.
      if (!unknownRef && [from, to].some((ref) => /^SPDXRef-/.test(ref) && !known.has(ref) && !otherElements.has(ref))) unknownRef = r;
      continue;
    }
    const key = `${from}\u0000${to}`;
    if (from !== to && !seen.has(key)) {
      seen.add(key);
      edges.push({ from, to });
    }
  }
  return unknownRef ? { edges, unknownRef } : { edges };
}
