import { packageKey } from '../core/package';
import { ecosystemByName } from '../ecosystems';
import type { OsvRecord } from './types';

/**
 * Records indexed by the packages they name, with names normalised by each ecosystem's own rules,
 * so a look-up is one map access. Records for ecosystems Chainsight does not read are skipped.
 */
export class RecordIndex {
  private readonly byPackage = new Map<string, OsvRecord[]>();
  private count = 0;

  add(record: OsvRecord): void {
    if (record.withdrawn) return;
    const keys = new Set<string>();
    for (const affected of record.affected ?? []) {
      const pkg = affected?.package;
      if (!pkg || typeof pkg.name !== 'string' || typeof pkg.ecosystem !== 'string') continue;
      const ecosystem = ecosystemByName(pkg.ecosystem.split(':', 1)[0]!);
      if (!ecosystem) continue;
      keys.add(packageKey(ecosystem.name, ecosystem.normalizeName(pkg.name)));
    }
    if (keys.size === 0) return;
    this.count++;
    for (const key of keys) {
      const list = this.byPackage.get(key);
      if (list) list.push(record);
      else this.byPackage.set(key, [record]);
    }
  }

  get(key: string): OsvRecord[] {
    return this.byPackage.get(key) ?? [];
  }

  /** Records naming a package, its name spelled as a manifest or lockfile writes it (`Newtonsoft.Json`). */
  lookup(ecosystemName: string, name: string): OsvRecord[] {
    const ecosystem = ecosystemByName(ecosystemName);
    return ecosystem ? this.get(packageKey(ecosystem.name, ecosystem.normalizeName(name))) : [];
  }

  get size(): number {
    return this.count;
  }
}
