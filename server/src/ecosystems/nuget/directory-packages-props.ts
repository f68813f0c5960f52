import type { ExtractedPackage, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { parseXml } from '../maven/xml-tree';
import { expandProperties, msbuildProperties, packageItems, referencedProperty } from './msbuild-items';
import { exactNuGetVersion } from './nuget-range';

/**
 * Directory.Packages.props (central package management) → one package per `PackageVersion`
 * (the versions every project in the tree resolves), `GlobalPackageReference` (added to every
 * project) and versioned `PackageReference` (props files are imported into every project too).
 * Read as a manifest: this is where central versions are written and where fixes go.
 */
export function parseDirectoryPackagesProps(_path: string, text: string): ParseResult {
  const index = new LineIndex(text);
  const doc = parseXml(text);
  if (!doc.root) {
    const err = doc.error!;
    const range = index.range(err.offset, Math.min(err.offset + 1, text.length));
    const message = `could not parse Directory.Packages.props at ${range.start.line + 1}:${range.start.character + 1}: ${err.message}`;
    return { kind: 'manifest', packages: [], errors: [{ message, range, severity: 'error' }] };
  }
  if (doc.root.name.toLowerCase() !== 'project') {
    const range = index.range(doc.root.start, doc.root.startTagEnd);
    return { kind: 'manifest', packages: [], errors: [{ message: `not an MSBuild file: the root element is <${doc.root.name}>, not <Project>`, range, severity: 'error' }] };
  }
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
    if (local) {
      const requirement = expandProperties(local.value, properties);
      pkg.requirement = requirement;
      pkg.version = exactNuGetVersion(requirement) ?? '';
      const target = referencedProperty(local.value, properties) ?? local;
      pkg.versionRange = index.range(target.start, target.end);
    }
    packages.push(pkg);
  }
  return { kind: 'manifest', packages, errors: [] };
}
