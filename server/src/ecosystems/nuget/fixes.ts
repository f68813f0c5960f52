import { LineIndex } from '../../core/text-range';
import { compareText } from '../../versions/scheme';
import { nugetScheme } from '../../versions/nuget';
import { appendChildEdit, childIndent, escapeXml, xmlLayout } from '../../core/xml-layout';
import { parseXml, type XmlElement } from '../../core/xml-tree';
import type { FixWriter, OverrideFix, ParsedFile, TextEdit } from '../types';
import { metadata, msbuildProperties, packageItems } from './msbuild-items';
import { parseNuGetRange } from './nuget-range';

const RESTORE = { command: 'dotnet', args: ['restore', '--force-evaluate'] };

/**
 * NuGet fixes. Upgrade rewrites the version text the package points at: a PackageReference's
 * `Version`/`VersionOverride` (attribute or element, or the property it references), a
 * `PackageVersion` in Directory.Packages.props, a packages.config `version`. A csproj reference
 * whose version is central has no range in the csproj: the fix is offered on
 * Directory.Packages.props, whose own diagnostic carries it.
 *
 * Transitive packages: NuGet's "direct dependency wins" makes a direct reference the override.
 * In a project with its own versions that is a new `<PackageReference Include Version />`; in
 * Directory.Packages.props it is a `<PackageVersion>` plus `CentralPackageTransitivePinningEnabled`,
 * which pins the package for every project without adding references. A project that uses central
 * versions gets no edit of its own (the pin belongs in the props file).
 */
export const nugetFixes: FixWriter = {
  upgrade(manifest, pkg, version) {
    if (!pkg.versionRange || pkg.source !== 'registry') return undefined;
    const index = new LineIndex(manifest.text);
    const current = manifest.text.slice(index.offset(pkg.versionRange.start), index.offset(pkg.versionRange.end));
    if (current.includes('$(') || current.includes('&')) return undefined;
    return [{ range: pkg.versionRange, newText: escapeXml(upgradedNuGetVersion(current, version)) }];
  },

  override(manifest, name, version) {
    const base = manifest.path.replace(/^.*[\\/]/, '');
    if (/^packages\.config$/i.test(base)) return undefined;
    const doc = parseXml(manifest.text);
    if (!doc.root || doc.root.name.toLowerCase() !== 'project') return undefined;
    if (/^Directory\.Packages\.props$/i.test(base)) return pinCentrally(manifest, doc.root, name, version);
    return addReference(manifest, doc.root, name, version);
  },
};

/** `1.2.3` → fixed; `[1.2.3]` → `[fixed]`; `[1.0, 2.0)` → `[fixed, 2.0)` when it fits; else fixed. */
export function upgradedNuGetVersion(current: string, fixed: string): string {
  const range = parseNuGetRange(current);
  if (!range || range.kind !== 'spans') return fixed;
  const trimmed = current.trim();
  const { lower, upper } = range.spans[0]!;
  if (lower && upper && lower.inclusive && upper.inclusive && lower.version === upper.version) return `[${fixed}]`;
  const separator = /,\s/.test(trimmed) ? ', ' : ',';
  const close = trimmed[trimmed.length - 1]!;
  if (!upper) return `[${fixed}${separator}${close}`;
  const fits = compareText(nugetScheme, fixed, upper.version);
  if (fits === undefined || fits > 0 || (fits === 0 && !upper.inclusive)) return fixed;
  return `[${fixed}${separator}${upper.version}${close}`;
}

function addReference(manifest: ParsedFile, root: XmlElement, name: string, version: string): OverrideFix | undefined {
  const text = manifest.text;
  const items = packageItems(text, root);
  const references = items.filter((i) => i.kind === 'PackageReference');
  const properties = msbuildProperties(text, root);
  const central = properties.get('managepackageversionscentrally')?.value.toLowerCase() === 'true' || references.some((r) => !r.version && !r.versionOverride);
  if (central) return undefined;
  const index = new LineIndex(text);
  const title = `Reference ${name} ${version} directly (direct dependencies win in NuGet)`;
  const existing = references.find((r) => r.name.value.toLowerCase() === name.toLowerCase());
  if (existing?.version) {
    return { title, edits: [{ range: index.range(existing.version.start, existing.version.end), newText: escapeXml(upgradedNuGetVersion(existing.version.value, version)) }], command: RESTORE };
  }
  const line = `<PackageReference Include="${escapeXml(name)}" Version="${escapeXml(version)}" />`;
  return { title, edits: [appendItem(text, index, root, references[0]?.element, line)], command: RESTORE };
}

function pinCentrally(manifest: ParsedFile, root: XmlElement, name: string, version: string): OverrideFix | undefined {
  const text = manifest.text;
  const index = new LineIndex(text);
  const items = packageItems(text, root);
  const title = `Pin ${name} at ${version} for every project (central transitive pinning)`;
  const edits: TextEdit[] = [];
  const existing = items.find((i) => i.kind === 'PackageVersion' && i.name.value.toLowerCase() === name.toLowerCase());
  if (existing?.version) {
    if (existing.version.value.includes('$(')) return undefined;
    edits.push({ range: index.range(existing.version.start, existing.version.end), newText: escapeXml(upgradedNuGetVersion(existing.version.value, version)) });
  } else {
    const anchor = items.find((i) => i.kind === 'PackageVersion')?.element;
    edits.push(appendItem(text, index, root, anchor, `<PackageVersion Include="${escapeXml(name)}" Version="${escapeXml(version)}" />`));
  }
  const pinning = pinningEdit(text, index, root);
  if (pinning) edits.push(pinning);
  return { title, edits, command: RESTORE };
}

/** Turns `CentralPackageTransitivePinningEnabled` on, in the first PropertyGroup (or a new one). */
function pinningEdit(text: string, index: LineIndex, root: XmlElement): TextEdit | undefined {
  const property = 'CentralPackageTransitivePinningEnabled';
  const groups = root.children.filter((c) => c.name.toLowerCase() === 'propertygroup');
  for (const group of groups) {
    const current = metadata(text, group, property);
    if (!current) continue;
    if (current.value.toLowerCase() === 'true') return undefined;
    return { range: index.range(current.start, current.end), newText: 'true' };
  }
  const layout = xmlLayout(text, root);
  const line = `<${property}>true</${property}>`;
  const group = groups[0];
  if (group) {
    const edit = appendChildEdit(text, group, [`${childIndent(text, group, layout)}${line}`], layout);
    return { range: index.range(edit.start, edit.end), newText: edit.newText };
  }
  const indent = childIndent(text, root, layout);
  const edit = appendChildEdit(text, root, [`${indent}<PropertyGroup>`, `${indent}${layout.unit}${line}`, `${indent}</PropertyGroup>`], layout);
  return { range: index.range(edit.start, edit.end), newText: edit.newText };
}

/** A new item beside `sibling` (in its ItemGroup), or in a new ItemGroup at the end of the project. */
function appendItem(text: string, index: LineIndex, root: XmlElement, sibling: XmlElement | undefined, line: string): TextEdit {
  const layout = xmlLayout(text, root);
  const group = sibling ? parentOf(root, sibling) : undefined;
  if (group) {
    const edit = appendChildEdit(text, group, [`${childIndent(text, group, layout)}${line}`], layout);
    return { range: index.range(edit.start, edit.end), newText: edit.newText };
  }
  const indent = childIndent(text, root, layout);
  const edit = appendChildEdit(text, root, [`${indent}<ItemGroup>`, `${indent}${layout.unit}${line}`, `${indent}</ItemGroup>`], layout);
  return { range: index.range(edit.start, edit.end), newText: edit.newText };
}

function parentOf(root: XmlElement, target: XmlElement): XmlElement | undefined {
  for (const child of root.children) {
    if (child === target) return root;
    const found = parentOf(child, target);
    if (found) return found;
  }
  return undefined;
}
