import * as path from 'node:path';
import type { ExtractedPackage, ParseError, ParseResult, ProjectInfo } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { readManifestXml } from '../../core/xml-manifest';
import type { XmlElement } from '../../core/xml-tree';
import type { ParseContext } from '../types';
import { findCentralVersions } from './central-versions';
import { applyItemVersion } from './item-version';
import { msbuildProperties, packageItems, type TextSpan } from './msbuild-items';
import { exactNuGetVersion } from './nuget-range';

/**
 * SDK-style project files (*.csproj, *.fsproj, *.vbproj) → one package per PackageReference.
 * The version is the item's `VersionOverride`, else its `Version` (attribute or element, with
 * `$(Property)` resolved from this file), else — central package management — the
 * `PackageVersion` in the nearest Directory.Packages.props, read through the parse context.
 * A bare version is what NuGet resolves (the lowest applicable), so it counts as exact.
 */
export function parseCsproj(filePath: string, text: string, context?: ParseContext): ParseResult {
  const index = new LineIndex(text);
  const base = path.basename(filePath);
  const doc = readManifestXml(text, index, { label: base, root: 'Project', kind: 'an MSBuild project', ignoreCase: true });
  if ('error' in doc) return { kind: 'manifest', packages: [], errors: [doc.error] };
  const properties = msbuildProperties(text, doc.root);
  const references = packageItems(text, doc.root).filter((item) => item.kind === 'PackageReference');
  const needsCentral = references.some((item) => !item.version && !item.versionOverride);
  const central = needsCentral ? findCentralVersions(filePath, context) : undefined;
  const errors: ParseError[] = [];
  const packages: ExtractedPackage[] = [];
  const ids = new Set<string>();
  let reportedMissingProps = false;
  for (const item of references) {
    const name = item.name.value;
    let id = `PackageReference:${name}`;
    for (let n = 2; ids.has(id); n++) id = `PackageReference:${name}#${n}`;
    ids.add(id);
    const pkg: ExtractedPackage = {
      id,
      ecosystem: 'NuGet',
      name,
      version: '',
      direct: true,
      groups: [],
      source: 'registry',
      nameRange: index.range(item.name.start, item.name.end),
    };
    const local = item.versionOverride ?? item.version;
    if (local) {
      applyItemVersion(pkg, local, properties, index);
    } else if (central?.file && !central.error) {
      const requirement = central.versions.get(name.toLowerCase());
      if (requirement !== undefined) {
        pkg.requirement = requirement;
        pkg.version = exactNuGetVersion(requirement) ?? '';
      } else {
        errors.push(warningAt(index, item.element, `${path.basename(central.file)} has no PackageVersion for ${name} (NuGet reports NU1010)`));
      }
    } else if (!reportedMissingProps) {
      reportedMissingProps = true;
      const why = central?.error ? `Directory.Packages.props could not be read: ${central.error}` : 'no Directory.Packages.props was found above this project';
      errors.push(warningAt(index, item.element, `${name} has no Version and ${why}; versions of centrally managed packages are unknown`));
    }
    packages.push(pkg);
  }
  return {
    kind: 'manifest',
    packages,
    errors,
    project: projectInfo(filePath, properties),
    inputs: central?.tried.length ? central.tried : undefined,
  };
}

function projectInfo(filePath: string, properties: Map<string, TextSpan>): ProjectInfo {
  const info: ProjectInfo = {
    name: properties.get('packageid')?.value || properties.get('assemblyname')?.value || path.basename(filePath).replace(/\.[^.]+$/, ''),
  };
  const version = properties.get('version')?.value ?? properties.get('versionprefix')?.value;
  if (version && !version.includes('$(')) info.version = version;
  return info;
}

function warningAt(index: LineIndex, element: XmlElement, message: string): ParseError {
  return { message, range: index.range(element.start, element.startTagEnd), severity: 'warning' };
}
