import * as path from 'node:path';
import type { ParseError } from '../../core/package';
import type { LineIndex } from '../../core/text-range';
import type { ParseContext } from '../types';
import { readPomModel, type PomModel, type PomParentRef } from './pom-model';
import { parseXml } from '../../core/xml-tree';

/**
 * Finds the parent POMs that live in the workspace, the way Maven does before it looks in a
 * repository: `<relativePath>` (default `../pom.xml`; a folder means its pom.xml), accepted only
 * when the file there has the coordinates the `<parent>` names. Parents outside the workspace
 * (Spring Boot's starter parent, corporate parents) are not fetched: what they manage stays unknown.
 */
export interface ParentChain {
  /** chain[0] is the parsed file; chain[i + 1] is chain[i]'s parent. */
  models: PomModel[];
  /** Every file the parser tried to read, found or not: a watcher re-parses when one appears. */
  inputs: string[];
  warnings: ParseError[];
}

const MAX_PARENTS = 16;

export function loadParentChain(filePath: string, self: PomModel, selfIndex: LineIndex, context: ParseContext | undefined): ParentChain {
  const chain: ParentChain = { models: [self], inputs: [], warnings: [] };
  if (!context) return chain;
  const visited = new Set([path.normalize(filePath)]);
  let current = self;
  let currentPath = filePath;
  for (let i = 0; i < MAX_PARENTS && current.parent; i++) {
    const ref = current.parent;
    const explicit = ref.relativePath !== undefined;
    const relative = ref.relativePath?.value ?? '../pom.xml';
    if (relative === '') break; // `<relativePath/>`: the parent comes from a repository only.
    const candidate = parentPath(currentPath, relative);
    if (visited.has(candidate)) break;
    visited.add(candidate);
    chain.inputs.push(candidate);
    // Only problems with the parsed file's own <parent> can be shown in it.
    const report = (message: string) => {
      if (current === self) chain.warnings.push({ message, range: selfIndex.range(ref.element.start, ref.element.startTagEnd), severity: 'warning' });
    };
    const text = safeRead(context, candidate);
    if (text === undefined) {
      if (explicit) report(`parent POM not found at ${relative}: versions and properties it defines are unknown`);
      break;
    }
    const doc = parseXml(text);
    if (!doc.root || doc.root.name !== 'project') {
      if (explicit) report(`could not read parent POM ${relative}: ${doc.error?.message ?? 'not a POM'}`);
      break;
    }
    const parent = readPomModel(text, doc.root);
    if (!sameCoordinates(ref, parent)) {
      if (explicit) report(`${relative} is not the parent ${coordinates(ref)}: Maven will look for it in a repository`);
      break;
    }
    chain.models.push(parent);
    current = parent;
    currentPath = candidate;
  }
  return chain;
}

function parentPath(childPath: string, relative: string): string {
  const target = path.join(path.dirname(childPath), relative);
  return path.normalize(/\.xml$/i.test(relative) ? target : path.join(target, 'pom.xml'));
}

function safeRead(context: ParseContext, file: string): string | undefined {
  try {
    return context.readFile(file);
  } catch {
    return undefined;
  }
}

function sameCoordinates(ref: PomParentRef, parent: PomModel): boolean {
  const groupId = parent.groupId?.value ?? parent.parent?.groupId?.value;
  if (ref.groupId && groupId !== undefined && ref.groupId.value !== groupId) return false;
  if (ref.artifactId && parent.artifactId && ref.artifactId.value !== parent.artifactId.value) return false;
  return true;
}

function coordinates(ref: PomParentRef): string {
  return [ref.groupId?.value, ref.artifactId?.value, ref.version?.value].filter(Boolean).join(':');
}
