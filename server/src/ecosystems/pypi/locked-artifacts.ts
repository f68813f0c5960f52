import type { LockedArtifact } from '../../core/package';
import { type TomlTable, type TomlValue, arrayAt, stringAt, tableAt, tablesIn } from '../../core/toml-document';

/**
 * The distribution files a TOML lockfile pins for one package, with their sha256: uv.lock and
 * pylock.toml (`sdist` and `wheels`, the hash as `hash = "sha256:…"` or `hashes = { sha256 = … }`),
 * poetry.lock 2.x and pdm.lock (`files = [{ file, hash }]`). The file name is the entry's own
 * (`file`, `name`) or the last segment of its URL or path. Other algorithms are not kept: provenance
 * (PEP 740) and the indexes speak sha256.
 */
export function lockedArtifacts(table: TomlTable): LockedArtifact[] {
  return artifactsIn([tableAt(table, 'sdist'), ...tablesIn(arrayAt(table, 'wheels')), ...tablesIn(arrayAt(table, 'files'))]);
}

/** The files of a list of file tables (`{ file | name | url | path, hash | hashes }`) that carry a sha256. */
export function artifactsIn(files: ReadonlyArray<TomlTable | undefined>): LockedArtifact[] {
  const out: LockedArtifact[] = [];
  for (const file of files) {
    if (!file) continue;
    const sha256 = sha256Of(file);
    if (!sha256) continue;
    const name = stringAt(file, 'file')?.value ?? stringAt(file, 'name')?.value ?? lastSegment(stringAt(file, 'url')?.value ?? stringAt(file, 'path')?.value);
    out.push({ ...(name ? { name } : {}), hash: `sha256:${sha256}` });
  }
  return out;
}

/** `sha256:<hex>` (pip's `--hash`, Pipfile.lock, uv, poetry, pdm) → the lowercase hex; undefined for another algorithm. */
export function sha256Hex(value: string | undefined): string | undefined {
  const match = value ? /^sha256[:=]([0-9a-fA-F]{64})$/.exec(value.trim()) : null;
  return match ? match[1]!.toLowerCase() : undefined;
}

function sha256Of(file: TomlTable): string | undefined {
  const hashes: TomlValue | undefined = tableAt(file, 'hashes');
  const fromTable = hashes?.kind === 'table' ? stringAt(hashes, 'sha256')?.value : undefined;
  if (fromTable && /^[0-9a-fA-F]{64}$/.test(fromTable)) return fromTable.toLowerCase();
  return sha256Hex(stringAt(file, 'hash')?.value);
}

/** The file name at the end of a URL or path, percent-decoded; undefined when there is none. */
export function lastSegment(location: string | undefined): string | undefined {
  if (!location) return undefined;
  const bare = location.split(/[?#]/)[0]!;
  const segment = bare.slice(bare.lastIndexOf('/') + 1);
  if (!segment) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
