import type { ExtractedPackage } from '../core/package';
import type { DependencyFile } from './dependency-file';

/** Each manifest dependency → the lockfile entry id it resolves to (undefined: not in the lockfile). */
export type ManifestResolution = Map<ExtractedPackage, string | undefined>;

/**
 * Manifest → lockfile resolutions, kept between analyses. Keyed on the parsed files themselves: a
 * file whose text changes is parsed into a new object, so an edit can never be answered from a stale
 * entry (a key such as the text's length once could: an edit that kept it kept the old answer).
 * Weak keys let replaced parses go.
 */
export class ManifestResolutions {
  private readonly byManifest = new WeakMap<DependencyFile, WeakMap<DependencyFile, Map<string, ManifestResolution>>>();

  get(manifest: DependencyFile, lockfile: DependencyFile, importerPath: string, compute: () => ManifestResolution): ManifestResolution {
    let byLockfile = this.byManifest.get(manifest);
    if (!byLockfile) this.byManifest.set(manifest, (byLockfile = new WeakMap()));
    let byImporter = byLockfile.get(lockfile);
    if (!byImporter) byLockfile.set(lockfile, (byImporter = new Map()));
    let resolution = byImporter.get(importerPath);
    if (!resolution) byImporter.set(importerPath, (resolution = compute()));
    return resolution;
  }
}
