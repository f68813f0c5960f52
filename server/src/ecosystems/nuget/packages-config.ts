import type { ExtractedPackage, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { readManifestXml } from '../../core/xml-manifest';
import { attribute } from '../../core/xml-tree';

/**
 * packages.config (legacy NuGet): `<package id version targetFramework developmentDependency />`,
 * one element per installed package — direct and transitive alike, without edges — each at an
 * exact version. Read as a manifest of exact pins (it is the file users edit).
 */
export function parsePackagesConfig(_path: string, text: string): ParseResult {
  const index = new LineIndex(text);
  const doc = readManifestXml(text, index, { label: 'packages.config', root: 'packages', kind: 'a packages.config' });
  if ('error' in doc) return { kind: 'manifest', packages: [], errors: [doc.error] };
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
