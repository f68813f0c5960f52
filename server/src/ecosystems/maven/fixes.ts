import { formatById } from '../files';
import type { FixWriter } from '../types';
import { upgradeCatalog } from './catalog-fixes';
import { overridePom, upgradePom } from './pom-fixes';

const isCatalog = (path: string) => /\.versions\.toml$/i.test(path);

/**
 * pom.xml: version text or its property; transitive packages through `<dependencyManagement>`.
 * Version catalogs: the version string. Gradle forces transitive versions with `constraints {}` in
 * build scripts, which Chainsight does not edit, so catalogs and gradle.lockfile get no override.
 */
export const mavenFixes: FixWriter = {
  upgrade(manifest, pkg, version) {
    return isCatalog(manifest.path) ? upgradeCatalog(manifest, pkg, version) : upgradePom(manifest, pkg, version);
  },
  override(manifest, name, version, lockfileParser) {
    // A POM pairs with no lockfile: a lockfile means Gradle, whose build scripts Chainsight does not edit.
    if (isCatalog(manifest.path) || formatById(lockfileParser)?.kind === 'lockfile') return undefined;
    return overridePom(manifest, name, version);
  },
};
