import * as path from 'node:path';
import type { ParseContext } from '../types';
import { parseXml } from '../../core/xml-tree';
import { expandProperties, msbuildProperties, packageItems } from './msbuild-items';

/**
 * Central package management: a project whose PackageReference has no Version takes it from the
 * nearest Directory.Packages.props up the folder tree (the file MSBuild imports). Nested props
 * that import their parent's through `GetPathOfFileAbove` are not followed.
 */
export interface CentralVersions {
  /** The props file found, or undefined. */
  file?: string;
  /** Package name (lower-case) → declared version. */
  versions: Map<string, string>;
  /** Every path tried, found or not, for `ParseResult.inputs`. */
  tried: string[];
  /** Set when the file was found but could not be read as XML. */
  error?: string;
}

const PROPS = 'Directory.Packages.props';

export function findCentralVersions(projectPath: string, context: ParseContext | undefined): CentralVersions {
  const result: CentralVersions = { versions: new Map(), tried: [] };
  if (!context) return result;
  let dir = path.dirname(projectPath);
  for (let i = 0; i < 64; i++) {
    const candidate = path.join(dir, PROPS);
    result.tried.push(candidate);
    const text = safeRead(context, candidate);
    if (text !== undefined) {
      result.file = candidate;
      const doc = parseXml(text);
      if (!doc.root) {
        result.error = doc.error?.message ?? 'not XML';
        return result;
      }
      const properties = msbuildProperties(text, doc.root);
      for (const item of packageItems(text, doc.root)) {
        if (item.kind !== 'PackageVersion' || !item.version) continue;
        result.versions.set(item.name.value.toLowerCase(), expandProperties(item.version.value, properties));
      }
      return result;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return result;
}

function safeRead(context: ParseContext, file: string): string | undefined {
  try {
    return context.readFile(file);
  } catch {
    return undefined;
  }
}
