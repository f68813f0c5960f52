import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** OSV ecosystem names as osv.dev spells its export folders (the ones Chainsight scans come first). */
const OSV_ECOSYSTEMS = ['npm', 'PyPI', 'Go', 'crates.io', 'Maven', 'RubyGems', 'Packagist', 'NuGet', 'Pub', 'Hex'];

/** The ecosystem a path names, as `<eco>/all.zip`, `<eco>.zip`, `<eco>-all.zip` or a folder `<eco>/`. */
export function ecosystemFromPath(location: string): string | undefined {
  const base = path.basename(location);
  const candidate = base.toLowerCase() === 'all.zip' ? path.basename(path.dirname(location)) : base.replace(/\.zip$/i, '').replace(/[-_]all$/i, '');
  return OSV_ECOSYSTEMS.find((e) => e.toLowerCase() === candidate.toLowerCase());
}

/** One import to run: a folder or zip, and its ecosystem when the name tells it. */
export interface PlannedImport {
  location: string;
  ecosystem?: string;
}

/**
 * A folder holding one folder or zip per ecosystem (a copy of the bucket, or the corpus layout) is
 * imported as one generation per ecosystem; anything else is one import.
 */
export async function planImports(location: string): Promise<PlannedImport[]> {
  const stat = await fs.stat(location);
  const own = ecosystemFromPath(location);
  if (!stat.isDirectory() || own) return [{ location, ...(own ? { ecosystem: own } : {}) }];
  const entries = await fs.readdir(location, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name.endsWith('.json'))) return [{ location }];
  const parts: PlannedImport[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(location, entry.name);
    const nestedZip = path.join(full, 'all.zip');
    const ecosystem = ecosystemFromPath(full);
    if (!ecosystem) continue;
    if (entry.isDirectory()) parts.push({ location: (await exists(nestedZip)) ? nestedZip : full, ecosystem });
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.zip')) parts.push({ location: full, ecosystem });
  }
  return parts.length > 0 ? parts : [{ location }];
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(() => true, () => false);
}

/** Counts ecosystems seen in records, to label an import whose path does not say. */
export class EcosystemTally {
  private readonly counts = new Map<string, number>();

  add(ecosystems: readonly string[]): void {
    for (const e of ecosystems) this.counts.set(e, (this.counts.get(e) ?? 0) + 1);
  }

  mostCommon(): string | undefined {
    let best: [string, number] | undefined;
    for (const entry of this.counts) if (!best || entry[1] > best[1]) best = entry;
    return best?.[0];
  }
}
