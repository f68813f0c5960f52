import type { ExtractedPackage, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { attribute, parseXml } from '../maven/xml-tree';

/**
 * packages.config (legacy NuGet): `<package id version targetFramework developmentDependency />`,
 * one element per installed package — direct and transitive alike, without edges — each at an
 * exact version. Read as a manifest of exact pins (it is the file users edit).
 */
export function parsePackagesConfig(_path: string, text: string): ParseResult {
  const index = new LineIndex(text);
  const doc = parseXml(text);
  if (!doc.root) {
    const err = doc.error!;
    const range = index.range(err.offset, Math.min(err.offset + 1, text.length));
    const message = `could not parse packages.config at ${range.start.line + 1}:${range.start.character + 1}: ${err.message}`;
    return { kind: 'manifest', packages: [], errors: [{ message, range, severity: 'error' }] };
  }
  if (doc.root.name !== 'packages') {
    const range = index.range(doc.root.start, doc.root.startTagEnd);
    return { kind: 'manifest', packages: [], errors: [{ message: `not a packages.config: the root element is <${doc.root.name}>, not <packages>`, range, severity: 'error' }] };
  }
  const packages: ExtractedPackage[] = [];
  const ids = new Set<string>();
  for (const element of doc.root.children) {
    if (element.name !== 'package') continue;
    const idAttr = attribute(element, 'id');
    const versionAttr = attribute(element, 'version');
    const name = idAttr?.value.trim();
    if (!idAttr || !name) continue;
    let id = `package:${name}`;
    for (let n = 2; ids.has(id); n++) id = `package:${name}#${n}`;
    ids.add(id);
    const version = versionAttr?.value.trim() ?? '';
    const pkg: ExtractedPackage = {
      id,
      ecosystem: 'NuGet',
      name,
      version,
      requirement: version,
      direct: true,
      groups: attribute(element, 'developmentDependency')?.value.trim() === 'true' ? ['dev'] : [],
      source: 'registry',
      nameRange: index.range(idAttr.valueStart, idAttr.valueEnd),
    };
    if (versionAttr) pkg.versionRange = index.range(versionAttr.valueStart, versionAttr.valueEnd);
    packages.push(pkg);
  }
  return { kind: 'manifest', packages, errors: [] };
}
