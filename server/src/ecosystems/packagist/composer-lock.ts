import type { ExtractedPackage, PackageSource, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { isBranchConstraint } from './composer-constraint';
import { asObject, asString, readJsonObject } from '../../core/json-data';
import { isPlatformPackage } from './json-nodes';
import { type JsonPropertyLocation, locateJsonProperties, locationsByPath, pathKey } from '../../core/json-locations';

const SECTIONS: ReadonlyArray<{ key: string; groups: string[] }> = [
  { key: 'packages', groups: [] },
  { key: 'packages-dev', groups: ['dev'] },
];

/**
 * composer.lock → every locked package (`packages-dev` in the dev group) with its `require`
 * edges. The lockfile records no roots (only a hash of composer.json), so `direct` stays false
 * and `importers` undefined: the engine takes the direct dependencies from composer.json.
 * A `path` dist is a local package; a branch version (`dev-main`) is a VCS checkout: neither is
 * matched against advisories. Data comes from JSON.parse, positions from one scan of the text.
 */
export function parseComposerLock(_path: string, text: string): ParseResult {
  const doc = readJsonObject(text, 'composer.lock');
  if ('error' in doc) return { kind: 'lockfile', packages: [], errors: [doc.error] };
  const index = new LineIndex(text);
  const entry = { name: true, version: true } as const;
  const positions = locationsByPath(locateJsonProperties(text, { packages: { '*': entry }, 'packages-dev': { '*': entry } }));
  const read: Array<{ pkg: ExtractedPackage; requires: string[] }> = [];
  const ids = new Set<string>();
  for (const section of SECTIONS) {
    const list = doc.data[section.key];
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      const at = (field: string) => positions.get(pathKey(section.key, String(i), field));
      const pkg = readPackage(asObject(item), section.groups, index, ids, at('name'), at('version'));
      if (pkg) read.push(pkg);
    });
  }
  const idByName = new Map(read.map(({ pkg }) => [pkg.name, pkg.id]));
  for (const { pkg, requires } of read) pkg.dependencies = requires.flatMap((name) => idByName.get(name) ?? []);
  return { kind: 'lockfile', packages: read.map((r) => r.pkg), errors: [] };
}

function readPackage(
  entry: Record<string, unknown> | undefined,
  groups: string[],
  index: LineIndex,
  ids: Set<string>,
  nameAt: JsonPropertyLocation | undefined,
  versionAt: JsonPropertyLocation | undefined,
): { pkg: ExtractedPackage; requires: string[] } | undefined {
  const rawName = asString(entry?.name);
  const version = asString(entry?.version);
  if (!entry || !rawName || !version) return undefined;
  const name = rawName.trim().toLowerCase();
  if (name === '' || version === '') return undefined;
  let id = name;
  for (let n = 2; ids.has(id); n++) id = `${name}#${n}`;
  ids.add(id);
  const source = asObject(entry.source);
  const dist = asObject(entry.dist);
  const pkg: ExtractedPackage = {
    id,
    ecosystem: 'Packagist',
    name,
    version,
    direct: false,
    groups,
    source: packageSource(version, dist),
  };
  if (nameAt) pkg.nameRange = index.range(nameAt.valueStart, nameAt.valueEnd);
  if (versionAt) pkg.versionRange = index.range(versionAt.valueStart, versionAt.valueEnd);
  const reference = asString(source?.reference) ?? asString(dist?.reference);
  if (reference && /^[0-9a-f]{40}$/i.test(reference)) pkg.commit = reference;
  const resolved = asString(dist?.url) ?? asString(source?.url);
  if (resolved) pkg.resolved = resolved;
  const shasum = asString(dist?.shasum);
  if (shasum && /^[0-9a-f]{40}$/i.test(shasum)) pkg.integrity = `sha1-${Buffer.from(shasum, 'hex').toString('base64')}`;
  const requires = Object.keys(asObject(entry.require) ?? {})
    .map((n) => n.trim().toLowerCase())
    .filter((n) => !isPlatformPackage(n));
  return { pkg, requires };
}

function packageSource(version: string, dist: Record<string, unknown> | undefined): PackageSource {
  if (asString(dist?.type) === 'path') return 'path';
  return isBranchConstraint(version) ? 'git' : 'registry';
}
