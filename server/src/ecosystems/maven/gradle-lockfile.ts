import type { ExtractedPackage, ParseError, ParseResult } from '../../core/package';
import type { Range } from '../../core/text-range';

/**
 * gradle.lockfile (Gradle dependency locking): one `group:artifact:version=conf1,conf2` line per
 * resolved module, `empty=` for configurations that resolve nothing, `#` comments. Hand-written:
 * a line format with no library. Gradle records no graph and no roots, so every module is
 * transitive-or-direct unknown (`direct: false`, no `importers`): the engine takes direct
 * dependencies from the manifest it pairs with. A line that is not an entry is a warning, not an
 * error: Gradle itself ignores what it does not recognise there.
 */
export function parseGradleLockfile(path: string, text: string): ParseResult {
  const packages: ExtractedPackage[] = [];
  const errors: ParseError[] = [];
  const seen = new Set<string>();
  const buildscript = /buildscript-gradle\.lockfile$/i.test(path);
  let lineStart = 0;
  // Lines are read in order, so ranges are built from the line number (no offset look-ups).
  for (let lineNumber = 0; lineStart <= text.length; lineNumber++) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const raw = text.slice(lineStart, lineEnd);
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const entry = readEntry(line, lineNumber, buildscript);
    if (entry === 'skip') {
      // comment, blank or `empty=`
    } else if (entry) {
      let id = `${entry.name}:${entry.version}`;
      for (let n = 2; seen.has(id); n++) id = `${entry.name}:${entry.version}#${n}`;
      seen.add(id);
      entry.id = id;
      packages.push(entry);
    } else {
      const start = line.length - line.trimStart().length;
      errors.push({
        message: `gradle.lockfile line ${lineNumber + 1} is not "group:artifact:version=configurations"; skipped`,
        range: onLine(lineNumber, start, line.trimEnd().length),
        severity: 'warning',
      });
    }
    lineStart = lineEnd + 1;
  }
  return { kind: 'lockfile', packages, errors };
}

function onLine(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

const ENTRY = /^([^\s:=#]+):([^\s:=]+):([^\s:=]+)=(\S*)$/;

function readEntry(line: string, lineNumber: number, buildscript: boolean): ExtractedPackage | 'skip' | undefined {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('empty=')) return 'skip';
  const m = ENTRY.exec(line);
  if (!m) return undefined;
  const [, group, artifact, version, configurations] = m as unknown as [string, string, string, string, string];
  const nameEnd = group.length + 1 + artifact.length;
  const versionStart = nameEnd + 1;
  return {
    id: '',
    ecosystem: 'Maven',
    name: `${group}:${artifact}`,
    version,
    direct: false,
    groups: buildscript ? ['build'] : configurationGroups(configurations.split(',').filter(Boolean)),
    source: 'registry',
    nameRange: onLine(lineNumber, 0, nameEnd),
    versionRange: onLine(lineNumber, versionStart, versionStart + version.length),
  };
}

/**
 * A module is in a group only when every configuration that resolves it is: a module on
 * `runtimeClasspath` ships, whatever else also resolves it.
 */
export function configurationGroups(configurations: readonly string[]): string[] {
  if (configurations.length === 0) return [];
  const groups = new Set<string>();
  for (const configuration of configurations) {
    const group = configurationGroup(configuration);
    if (!group) return [];
    groups.add(group);
  }
  return [...groups].sort();
}

function configurationGroup(configuration: string): string | undefined {
  if (/test/i.test(configuration)) return 'test';
  if (/^developmentOnly$/i.test(configuration)) return 'dev';
  // Annotation processors and Kotlin compiler plugins run at build time and do not ship.
  if (/^(annotationProcessor|kapt|ksp)/i.test(configuration) || /AnnotationProcessor$/.test(configuration)) return 'build';
  return undefined;
}
