import type { ExtractedPackage } from '../core/package';
import { oneBased, type ReportInput } from './report-input';

/** One resolved package for SBOMs and `chainsight inventory`. */
export interface InventoryPackage {
  ecosystem: string;
  name: string;
  version: string;
  purl: string;
  direct: boolean;
  groups: string[];
  source: string;
  hashes: Array<{ alg: string; content: string }>;
  dependsOn: string[];
  locations: Array<{ file: string; line: number; column: number }>;
}

/**
 * Every resolved registry package of the analysis, deduplicated by purl (an npm v1 lockfile can hold
 * the same name@version at several install locations). Edges are kept as purls.
 */
export function inventory(input: ReportInput): InventoryPackage[] {
  const byPurl = new Map<string, InventoryPackage>();
  const add = (pkg: ExtractedPackage, version: string, file: string, direct: boolean, purlOf: (p: ExtractedPackage) => string | undefined, ecosystemPurl: (n: string, v: string) => string) => {
    const purl = ecosystemPurl(pkg.name, version);
    const location = pkg.versionRange ? [oneBased(input, { file, range: pkg.versionRange })] : [];
    const dependsOn = (pkg.dependencies ?? []).map((id) => purlOf({ ...pkg, id })).filter((p): p is string => p !== undefined);
    const existing = byPurl.get(purl);
    if (existing) {
      existing.direct ||= direct;
      existing.locations.push(...location);
      for (const d of dependsOn) if (!existing.dependsOn.includes(d)) existing.dependsOn.push(d);
      if (existing.groups.length && !pkg.groups.length) existing.groups = [];
      return;
    }
    byPurl.set(purl, {
      ecosystem: pkg.ecosystem,
      name: pkg.name,
      version,
      purl,
      direct,
      groups: [...pkg.groups],
      source: pkg.source,
      hashes: hashesOf(pkg.integrity),
      dependsOn,
      locations: location,
    });
  };
  for (const unit of input.analysis.units) {
    const lockfile = unit.unit.lockfile;
    if (lockfile) {
      const ecosystem = lockfile.parser.ecosystem;
      const byId = new Map(lockfile.result.packages.map((p) => [p.id, p]));
      const direct = new Set(unit.roots.flatMap((r) => r.ids));
      const purlOfId = (p: ExtractedPackage) => {
        const target = byId.get(p.id);
        return target && target.source === 'registry' && target.version ? ecosystem.purl(target.name, target.version) : undefined;
      };
      for (const pkg of lockfile.result.packages) {
        if (pkg.source !== 'registry' || !pkg.version) continue;
        add(pkg, pkg.version, lockfile.path, direct.has(pkg.id), purlOfId, (n, v) => ecosystem.purl(n, v));
      }
      continue;
    }
    for (const { file } of unit.unit.manifests) {
      const ecosystem = file.parser.ecosystem;
      for (const pkg of file.result.packages) {
        const version = pkg.version || (pkg.requirement !== undefined ? ecosystem.requirements?.exact(pkg.requirement) : undefined);
        if (pkg.source !== 'registry' || !version) continue;
        add(pkg, version, file.path, true, () => undefined, (n, v) => ecosystem.purl(n, v));
      }
    }
  }
  return [...byPurl.values()].sort((a, b) => a.purl.localeCompare(b.purl));
}

/** Lockfile integrity (`sha512-<base64>`, SRI) → CycloneDX hashes (hex). */
function hashesOf(integrity: string | undefined): Array<{ alg: string; content: string }> {
  if (!integrity) return [];
  const out: Array<{ alg: string; content: string }> = [];
  for (const part of integrity.split(/\s+/)) {
    const m = /^(sha1|sha256|sha384|sha512)-([A-Za-z0-9+/=]+)$/.exec(part);
    if (!m) continue;
    const alg = { sha1: 'SHA-1', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' }[m[1] as 'sha1'];
    out.push({ alg, content: Buffer.from(m[2]!, 'base64').toString('hex') });
  }
  return out;
}
