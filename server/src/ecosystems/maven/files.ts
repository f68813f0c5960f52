import type { FormatEntry } from '../format';

/**
 * Maven-ecosystem files. A pom.xml has no lockfile: Maven resolves at build time, so Chainsight
 * reads its declared versions. Gradle's catalog pairs with gradle.lockfile; the lockfile sits in
 * the (sub)project folder, one level above `gradle/`, so pairing looks in the catalog's parent
 * folder and in every subproject beneath it (see docs/ecosystems/maven.md).
 *
 * Byte-order marks: XML allows one (Maven reads the POM through an encoding-detecting reader);
 * Gradle reads catalogs with tomlj and lockfiles line by line, and neither skips one.
 */
export const FORMATS = [
  { parser: 'maven/pom-xml', ecosystem: 'Maven', kind: 'manifest', patterns: ['pom.xml'], language: 'xml', byteOrderMark: 'accepted', lockfiles: [] },
  {
    parser: 'maven/libs-versions-toml',
    ecosystem: 'Maven',
    kind: 'manifest',
    patterns: ['*.versions.toml'],
    language: 'toml',
    byteOrderMark: { rejectedBy: 'Gradle (tomlj)' },
    lockfiles: ['maven/gradle-lockfile'],
  },
  {
    parser: 'maven/gradle-lockfile',
    ecosystem: 'Maven',
    kind: 'lockfile',
    patterns: ['gradle.lockfile', 'buildscript-gradle.lockfile'],
    language: 'gradlelockfile',
    byteOrderMark: { rejectedBy: 'Gradle' },
    // Gradle rewrites every configuration's lock state.
    lockfileCommand: { command: './gradlew', args: ['dependencies', '--write-locks'] },
    priority: 10,
  },
] as const satisfies readonly FormatEntry[];
