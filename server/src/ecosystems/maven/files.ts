import type { DependencyFileKind } from '../files';

/**
 * Maven-ecosystem files. A pom.xml has no lockfile: Maven resolves at build time, so Chainsight
 * reads its declared versions. Gradle's catalog pairs with gradle.lockfile; the lockfile sits in
 * the (sub)project folder, one level above `gradle/`, so pairing looks in the catalog's parent
 * folder and in every subproject beneath it (see docs/ecosystems/maven.md).
 */
export const FILES: readonly DependencyFileKind[] = [
  { parser: 'maven/pom-xml', ecosystem: 'Maven', kind: 'manifest', patterns: ['pom.xml'], lockfiles: [] },
  {
    parser: 'maven/libs-versions-toml',
    ecosystem: 'Maven',
    kind: 'manifest',
    patterns: ['*.versions.toml'],
    lockfiles: ['maven/gradle-lockfile'],
  },
  { parser: 'maven/gradle-lockfile', ecosystem: 'Maven', kind: 'lockfile', patterns: ['gradle.lockfile', 'buildscript-gradle.lockfile'], priority: 10 },
];
