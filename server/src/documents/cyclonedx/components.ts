import { hexDigest } from '../digests';
import { listAt, prop, textAt } from '../json-values';
import { withoutUndefined } from '../origin';
import { purlOrWarn } from '../purl';
import type { Digest, DocumentPackage } from '../types';
import type { WarningList } from '../warnings';

/**
 * CycloneDX components (1.2–1.7) as packages: nested `components` too, in document order, each
 * with the path to it so warnings land on it.
 */

export interface ComponentsRead {
  subject?: DocumentPackage;
  packages: DocumentPackage[];
  /** Every ref a dependency edge may name (the subject's and the packages'). */
  refs: Set<string>;
}

export function readComponents(bom: Record<string, unknown>, warnings: WarningList): ComponentsRead {
  const refs = new Set<string>();
  const metadataComponent = prop(prop(bom, 'metadata'), 'component');
  const subject = metadataComponent === undefined ? undefined : toPackage(metadataComponent, ['metadata', 'component'], warnings);
  if (subject) refs.add(subject.ref);
  const packages: DocumentPackage[] = [];
  // Depth-first with an explicit stack: nesting is bounded before this runs, but no recursion is needed.
  const stack: Array<{ value: unknown; path: string[] }> = listAt(bom, 'components')
    .map((value, i) => ({ value, path: ['components', String(i)] }))
    .reverse();
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    const pkg = toPackage(value, path, warnings);
    if (pkg) {
      if (refs.has(pkg.ref) && pkg.ref !== subject?.ref) warnings.add([...path, 'bom-ref'], `bom-ref ${JSON.stringify(pkg.ref)} is used twice; the first component keeps it`);
      else if (pkg.ref !== subject?.ref) {
        refs.add(pkg.ref);
        packages.push(pkg);
      }
    }
    const nested = listAt(value, 'components');
    for (let i = nested.length - 1; i >= 0; i--) stack.push({ value: nested[i], path: [...path, 'components', String(i)] });
  }
  return { subject, packages, refs };
}

function toPackage(component: unknown, path: string[], warnings: WarningList): DocumentPackage | undefined {
  const name = textAt(component, 'name');
  if (!name) return undefined;
  const group = textAt(component, 'group');
  const purl = purlOrWarn(prop(component, 'purl'), [...path, 'purl'], warnings);
  const version = textAt(component, 'version');
  return withoutUndefined({
    // Components without a bom-ref cannot be named by edges; their purl or place still identifies them.
    ref: textAt(component, 'bom-ref') ?? purl ?? `#/${path.join('/')}`,
    name: group ? `${group}${/^pkg:maven\//.test(purl ?? '') ? ':' : '/'}${name}` : name,
    version,
    purl,
    digests: hashes(component),
    license: licence(listAt(component, 'licenses')),
    sourceUrl: vcsUrl(component),
  });
}

function hashes(component: unknown): Digest[] {
  return listAt(component, 'hashes').flatMap((h) => {
    const algorithm = textAt(h, 'alg');
    const digest = algorithm ? hexDigest(algorithm, prop(h, 'content')) : undefined;
    return digest ? [digest] : [];
  });
}

/**
 * A licence expression from `licenses`: the `expression` when there is one, else the ids (or
 * names) of the licence entries joined with AND, as CycloneDX lists every licence that applies.
 */
export function licence(entries: unknown[]): string | undefined {
  const expression = entries.map((e) => textAt(e, 'expression')).find((e) => e !== undefined);
  if (expression) return expression;
  const parts = entries.map((e) => textAt(prop(e, 'license'), 'id') ?? textAt(prop(e, 'license'), 'name')).filter((p): p is string => p !== undefined);
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : parts.map((p) => (/\s/.test(p) ? `(${p})` : p)).join(' AND ');
}

function vcsUrl(component: unknown): string | undefined {
  const vcs = listAt(component, 'externalReferences').find((r) => textAt(r, 'type') === 'vcs');
  return textAt(vcs, 'url');
}
