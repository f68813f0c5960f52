import type { Position } from '../../core/text-range';
import type { ExtractedPackage } from '../../core/package';
import type { FolderState } from '../folder-state';
import { dependencyHover, type AdvisoryNotes } from '../hover-content';
import { dependencyAt, dependencyPaths, findReport } from './lookup';

/**
 * The longest hover Chainsight sends. Advisory text comes from outside (one real record carried a
 * 1.2 MB summary); an editor asked to lay out a megabyte of Markdown freezes. docs/security.md.
 */
export const MAX_HOVER_CHARACTERS = 20_000;

/** Extra sections for a resolved registry package (provenance, the store, …), in order. */
export type HoverSections = (folder: FolderState, pkg: ExtractedPackage) => string[];

/** Markdown for a hover, or undefined when the position is not on a dependency. */
export function hoverAt(folders: readonly FolderState[], path: string, position: Position, sections: HoverSections, notes: (folder: FolderState) => AdvisoryNotes = () => () => []): string | undefined {
  const found = findReport(folders, path);
  if (!found) return undefined;
  const dep = dependencyAt(found.report, position);
  if (!dep) return undefined;
  const pkg = dep.resolved?.pkg ?? dep.pkg;
  const extra = pkg.source === 'registry' && pkg.version ? sections(found.folder, pkg) : [];
  return capHover(dependencyHover(found.report, dep, dependencyPaths(found.report, dep, found.unit), extra, Math.max(1, found.folder.settings.limits.maxAdvisoriesPerPackage), notes(found.folder)));
}

/** Cuts at a section break (`---`) where one is near, so the Markdown stays well formed. */
export function capHover(markdown: string, max = MAX_HOVER_CHARACTERS): string {
  if (markdown.length <= max) return markdown;
  const cut = markdown.lastIndexOf('\n\n---', max);
  const kept = markdown.slice(0, cut > max / 2 ? cut : max);
  return `${kept}\n\n---\n\n*Shortened: ${markdown.length - kept.length} more characters. Show Report lists every advisory.*`;
}
