import { basename } from 'node:path';
import type { ExtractedPackage, Importer, PackageSource, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import type { ParseContext } from '../types';
import { localCrateFolders } from './workspace-members';
import { type TomlString, type TomlTable, arrayAt, parseTomlDocument, stringAt, stringContentRange, tableAt, tablesIn } from '../../core/toml-document';

/**
 * Cargo.lock, formats v1 to v4 (https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html):
 * one `[[package]]` per crate version with `name`, `version`, `source`, `checksum` and
 * `dependencies`, whose entries are `"name"`, `"name version"` or `"name version (source)"`
 * (the short forms when they are unambiguous). v1 keeps checksums in `[metadata]`, and very old
 * files put the root crate in `[root]`.
 *
 * Crates without `source` are local (workspace members and path dependencies): they are returned,
 * marked `source: 'workspace'` when the workspace lists them and `'path'` otherwise, and they are
 * the importers; a crate is `direct` when a local crate depends on it. Cargo.lock does not say which
 * dependencies are dev or build dependencies, so groups stay empty.
 */
export function parseCargoLock(path: string, text: string, context?: ParseContext): ParseResult {
  const index = new LineIndex(text);
  const parsed = parseTomlDocument(text, basename(path));
  if (!parsed.ok) return { kind: 'lockfile', packages: [], errors: [parsed.error] };

  const records = lockRecords(parsed.root);
  const checksums = v1Checksums(parsed.root);
  const packages: ExtractedPackage[] = [];
  const recordOf = new Map<ExtractedPackage, LockRecord>();
  const idCount = new Map<string, number>();
  for (const r of records) idCount.set(`${r.name}@${r.version}`, (idCount.get(`${r.name}@${r.version}`) ?? 0) + 1);

  const usedIds = new Set<string>();
  for (const r of records) {
    const plain = `${r.name}@${r.version}`;
    let id = (idCount.get(plain) ?? 0) > 1 ? `${plain} (${r.source ?? 'local'})` : plain;
    // Cargo never writes the same crate twice; a hand-edited file may, and ids must stay unique.
    for (let n = 2; usedIds.has(id); n++) id = `${plain}#${n}`;
    usedIds.add(id);
    const pkg: ExtractedPackage = { id, ecosystem: 'crates.io', name: r.name, version: r.version, direct: false, groups: [], source: sourceKind(r.source) };
    pkg.nameRange = index.range(...stringContentRange(r.nameNode, text));
    pkg.versionRange = index.range(...stringContentRange(r.versionNode, text));
    const checksum = r.checksum ?? checksums.get(`${r.name} ${r.version} (${r.source})`);
    if (checksum && /^[0-9a-f]{64}$/i.test(checksum)) pkg.integrity = `sha256-${Buffer.from(checksum, 'hex').toString('base64')}`;
    if (r.source?.startsWith('git+')) {
      const hash = r.source.indexOf('#');
      pkg.resolved = hash === -1 ? r.source.slice(4) : r.source.slice(4, hash);
      if (hash !== -1) pkg.commit = r.source.slice(hash + 1);
    } else if (r.source && pkg.source !== 'registry') {
      pkg.resolved = r.source;
    }
    packages.push(pkg);
    recordOf.set(pkg, r);
  }

  // Edges: short forms name a crate by name, or by name and version, when that is unambiguous.
  const byName = new Map<string, ExtractedPackage[]>();
  for (const p of packages) {
    const same = byName.get(p.name);
    if (same) same.push(p);
    else byName.set(p.name, [p]);
  }
  for (const p of packages) {
    const deps: string[] = [];
    for (const spec of recordOf.get(p)!.dependencies) {
      const target = resolveDependency(spec, byName, recordOf);
      if (target && !deps.includes(target.id)) deps.push(target.id);
    }
    p.dependencies = deps;
  }

  const locals = packages.filter((p) => recordOf.get(p)!.source === undefined);
  const folders = localCrateFolders(path, locals.map((p) => p.name), context);
  const importers: Importer[] = locals.map((p) => {
    const folder = folders.folders.get(p.name);
    if (folder !== undefined && folders.members.has(p.name)) p.source = 'workspace';
    return { path: folder ?? (locals.length === 1 ? '' : p.name), name: p.name, dependencies: p.dependencies ?? [] };
  });
  const direct = new Set(importers.flatMap((i) => i.dependencies));
  for (const p of packages) p.direct = direct.has(p.id);

  const result: ParseResult = { kind: 'lockfile', packages, errors: [], importers };
  if (folders.inputs.length) result.inputs = folders.inputs;
  return result;
}

interface LockRecord {
  name: string;
  version: string;
  source?: string;
  checksum?: string;
  dependencies: string[];
  nameNode: TomlString;
  versionNode: TomlString;
}

/** `[[package]]` elements (and the old `[root]` table) as records; ones without name or version are skipped. */
function lockRecords(root: TomlTable): LockRecord[] {
  const tables = tablesIn(arrayAt(root, 'package'));
  const oldRoot = tableAt(root, 'root');
  if (oldRoot) tables.unshift(oldRoot);
  const records: LockRecord[] = [];
  for (const table of tables) {
    const nameNode = stringAt(table, 'name');
    const versionNode = stringAt(table, 'version');
    if (!nameNode?.value || !versionNode?.value) continue;
    const dependencies = (arrayAt(table, 'dependencies')?.items ?? []).flatMap((item) => (item.kind === 'string' ? [item.value] : []));
    const record: LockRecord = { name: nameNode.value, version: versionNode.value, dependencies, nameNode, versionNode };
    const source = stringAt(table, 'source')?.value;
    if (source) record.source = source;
    const checksum = stringAt(table, 'checksum')?.value;
    if (checksum) record.checksum = checksum;
    records.push(record);
  }
  return records;
}

/** v1: `[metadata] "checksum name version (source)" = "hex"`. */
function v1Checksums(root: TomlTable): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, entry] of tableAt(root, 'metadata')?.entries ?? []) {
    if (!key.startsWith('checksum ') || entry.value.kind !== 'string') continue;
    if (entry.value.value !== '<none>') out.set(key.slice('checksum '.length), entry.value.value);
  }
  return out;
}

function resolveDependency(spec: string, byName: Map<string, ExtractedPackage[]>, recordOf: Map<ExtractedPackage, LockRecord>): ExtractedPackage | undefined {
  const m = /^(\S+)(?:\s+(\S+))?(?:\s+\((.*)\))?\s*$/.exec(spec.trim());
  if (!m) return undefined;
  const candidates = byName.get(m[1]!) ?? [];
  const [, , version, source] = m;
  const matching = candidates.filter((c) => (version === undefined || c.version === version) && (source === undefined || recordOf.get(c)!.source === source));
  if (matching.length === 1) return matching[0];
  // An ambiguous short form is not written by Cargo; prefer the exact-version match if any.
  return matching[0] ?? (version === undefined ? undefined : candidates.find((c) => c.version === version));
}

const CRATES_IO = new Set(['registry+https://github.com/rust-lang/crates.io-index', 'sparse+https://index.crates.io/']);

/**
 * Only crates.io's index (git or sparse protocol) is `registry`: a crate of the same name from
 * another registry is a different piece of code, so it is marked `url` and never matched.
 */
export function sourceKind(source: string | undefined): PackageSource {
  if (source === undefined) return 'path';
  if (CRATES_IO.has(source)) return 'registry';
  if (source.startsWith('git+')) return 'git';
  if (source.startsWith('path+')) return 'path';
  return 'url';
}
