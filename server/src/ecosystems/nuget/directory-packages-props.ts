import type { ExtractedPackage, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { readManifestXml } from '../../core/xml-manifest';
import { applyItemVersion } from './item-version';
import { msbuildProperties, packageItems } from './msbuild-items';

/**
 * Directory.Packages.props (central package management) → one package per `PackageVersion`
 * (the versions every project in the tree resolves), `GlobalPackageReference` (added to every
 * project) and versioned `PackageReference` (props files are imported into every project too).
 * Read as a manifest: this is where central versions are written and where fixes go.
 */
export function parseDirectoryPackagesProps(_path: string, text: string): ParseResult {
  const index = new LineIndex(text);
  const doc = readManifestXml(text, index, { label: 'Directory.Packages.props', root: 'Project', kind: 'an MSBuild file', ignoreCase: true });
  if ('error' in doc) return { kind: 'manifest', packages: [], errors: [doc.error] };
  const properties = msbuildProperties(text, doc.root);
  const packages: ExtractedPackage[] = [];
  const ids = new Set<string>();
  for (const item of packageItems(text, doc.root)) {
    const local = item.versionOverride ?? item.version;
    // An unversioned PackageReference here only names a package whose version is elsewhere.
    if (item.kind === 'PackageReference' && !local) continue;
    let id = `${item.kind}:${item.name.value}`;
    for (let n = 2; ids.has(id); n++) id = `${item.kind}:${item.name.value}#${n}`;
    ids.add(id);
    const pkg: ExtractedPackage = {
      id,
      ecosystem: 'NuGet',
      name: item.name.value,
      version: '',
      direct: true,
      groups: [],
      source: 'registry',
      nameRange: index.range(item.name.start, item.name.end),
    };
    if (local) applyItemVersion(pkg, local, properties, index);
    packages.push(pkg);
  }
  return { kind: 'manifest', packages, errors: [] };
}
