import type { ExtractedPackage } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import type { OverrideFix, ParsedFile, TextEdit } from '../types';
import { readPomModel, type PomModel } from './pom-model';
import { propertyTable, valueDefinition } from './pom-properties';
import { upgradedMavenVersion } from './upgraded-version';
import { appendChildEdit, childIndent, escapeXml, indentOf, xmlLayout } from '../../core/xml-layout';
import { childElement, parseXml, type XmlElement } from '../../core/xml-tree';

/**
 * Upgrade: rewrite the version text the package's `versionRange` points at — the dependency's
 * `<version>`, the `<properties>` entry it interpolates, or the `<dependencyManagement>` entry that
 * manages it, whichever is in this file. A version that lives in a parent POM has no range here,
 * and no edit is offered: the fix belongs in the parent, which the contract's single-file edits
 * cannot reach (see docs/ecosystems/maven.md).
 */
export function upgradePom(manifest: ParsedFile, pkg: ExtractedPackage, version: string): TextEdit[] | undefined {
  if (!pkg.versionRange) return undefined;
  const index = new LineIndex(manifest.text);
  const current = manifest.text.slice(index.offset(pkg.versionRange.start), index.offset(pkg.versionRange.end));
  if (current.includes('${') || current.trim() === '') return undefined;
  return [{ range: pkg.versionRange, newText: escapeXml(upgradedMavenVersion(current, version)) }];
}

/**
 * Override for a transitive package: a `<dependencyManagement>` entry, which Maven applies to
 * every occurrence of the artifact in the graph. An existing local entry is moved; otherwise one
 * is added, creating `<dependencyManagement>` / `<dependencies>` as needed, placed before the
 * project's `<dependencies>` as POMs conventionally order them.
 */
export function overridePom(manifest: ParsedFile, name: string, version: string): OverrideFix | undefined {
  const doc = parseXml(manifest.text);
  if (!doc.root || doc.root.name !== 'project') return undefined;
  const [groupId, artifactId] = name.split(':');
  if (!groupId || !artifactId) return undefined;
  const text = manifest.text;
  const model = readPomModel(text, doc.root);
  const title = `Manage ${name} at ${version} in dependencyManagement`;
  const existing = model.managed.find((d) => d.groupId?.value === groupId && d.artifactId?.value === artifactId && !d.classifier);
  const index = new LineIndex(text);
  if (existing) {
    const edit = existingEntryEdit(text, index, model, existing.version, existing.element, version);
    return edit ? { title, edits: [edit] } : undefined;
  }
  const layout = xmlLayout(text, doc.root);
  const edit = insertManagedEntry(text, model, groupId, artifactId, version, layout);
  return { title, edits: [{ range: index.range(edit.start, edit.end), newText: edit.newText }] };
}

function existingEntryEdit(
  text: string,
  index: LineIndex,
  model: PomModel,
  written: { value: string; start: number; end: number } | undefined,
  element: XmlElement,
  version: string,
): TextEdit | undefined {
  if (!written) {
    // A managed entry without a version (scope or exclusions only): give it one.
    const layout = xmlLayout(text, model.project);
    const indent = childIndent(text, element, layout);
    const edit = appendChildEdit(text, element, [`${indent}<version>${escapeXml(version)}</version>`], layout);
    return { range: index.range(edit.start, edit.end), newText: edit.newText };
  }
  const def = valueDefinition(written.value, propertyTable([model]));
  const target = def && def.start !== undefined && def.end !== undefined ? { start: def.start, end: def.end } : written;
  if (text.slice(target.start, target.end).includes('${')) return undefined;
  return { range: index.range(target.start, target.end), newText: escapeXml(upgradedMavenVersion(text.slice(target.start, target.end), version)) };
}

function insertManagedEntry(
  text: string,
  model: PomModel,
  groupId: string,
  artifactId: string,
  version: string,
  layout: ReturnType<typeof xmlLayout>,
): { start: number; end: number; newText: string } {
  const entry = (indent: string) => [
    `${indent}<dependency>`,
    `${indent}${layout.unit}<groupId>${escapeXml(groupId)}</groupId>`,
    `${indent}${layout.unit}<artifactId>${escapeXml(artifactId)}</artifactId>`,
    `${indent}${layout.unit}<version>${escapeXml(version)}</version>`,
    `${indent}</dependency>`,
  ];
  const management = model.dependencyManagementElement;
  const list = management ? childElement(management, 'dependencies') : undefined;
  if (management && list) return appendChildEdit(text, list, entry(childIndent(text, list, layout)), layout);
  if (management) {
    const indent = childIndent(text, management, layout);
    return appendChildEdit(text, management, [`${indent}<dependencies>`, ...entry(indent + layout.unit), `${indent}</dependencies>`], layout);
  }
  const managementBlock = (indent: string) => [
    `${indent}<dependencyManagement>`,
    `${indent}${layout.unit}<dependencies>`,
    ...entry(indent + layout.unit + layout.unit),
    `${indent}${layout.unit}</dependencies>`,
    `${indent}</dependencyManagement>`,
  ];
  const dependencies = model.dependenciesElement;
  const lineIndent = dependencies ? indentOf(text, dependencies.start) : undefined;
  if (dependencies && lineIndent !== undefined) {
    const lines = managementBlock(lineIndent);
    // Inserted at <dependencies>, after its indentation: the block's first line needs none.
    const body = [lines[0]!.slice(lineIndent.length), ...lines.slice(1)].join(layout.eol);
    return { start: dependencies.start, end: dependencies.start, newText: `${body}${layout.eol}${lineIndent}` };
  }
  return appendChildEdit(text, model.project, managementBlock(childIndent(text, model.project, layout)), layout);
}
