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
    if (isCatalog(manifest.path) || lockfileParser === 'maven/gradle-lockfile') return undefined;
    return overridePom(manifest, name, version);
  },
};
