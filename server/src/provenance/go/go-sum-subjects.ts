import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DependencyFile } from '../../analysis/dependency-file';
import type { LockedArtifact } from '../../core/package';
import { withoutV } from '../../ecosystems/go/go-versions';
import type { ProvenanceSubject } from '../types';

/**
 * What the Go provider checks: every `module version[/go.mod] h1:…` line of a go.sum, grouped by
 * module version (artifact without a name: the module zip; `/go.mod`: its go.mod), and every
 * registry requirement of a go.mod, with the lines its go.sum has for it — none at all is what the
 * `not-in-go-sum` warning reports. Versions are kept without their `v`, as the parsers write them.
 */
export function goSubjects(files: readonly DependencyFile[]): ProvenanceSubject[] {
  const subjects = new Map<string, ProvenanceSubject>();
  const add = (name: string, version: string, artifacts: LockedArtifact[]): void => {
    const key = `${name}@${version}`;
    const existing = subjects.get(key);
    if (existing) existing.artifacts = mergeArtifacts(existing.artifacts ?? [], artifacts);
    else subjects.set(key, { name, version, artifacts });
  };
  for (const file of files) {
    if (basename(file.path) === 'go.sum') {
      for (const [key, artifacts] of goSumLines(file.text)) {
        const at = key.lastIndexOf('@');
        add(key.slice(0, at), key.slice(at + 1), artifacts);
      }
    } else if (basename(file.path) === 'go.mod') {
      const sibling = files.find((f) => f.path === join(dirname(file.path), 'go.sum'))?.text ?? readSmall(join(dirname(file.path), 'go.sum'));
      const lines = goSumLines(sibling ?? '');
      for (const pkg of file.result.packages) {
        if (pkg.source !== 'registry' || !pkg.version || pkg.ecosystem !== 'Go') continue;
        add(pkg.name, pkg.version, lines.get(`${pkg.name}@${pkg.version}`) ?? []);
      }
    }
  }
  return [...subjects.values()];
}

/** `module@version` (no `v`) → its go.sum hashes. Malformed lines are the parser's to report. */
export function goSumLines(text: string): Map<string, LockedArtifact[]> {
  const out = new Map<string, LockedArtifact[]>();
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length !== 3 || !fields[1]!.startsWith('v')) continue;
    const [module, rawVersion, hash] = fields as [string, string, string];
    const goMod = rawVersion.endsWith('/go.mod');
    const version = withoutV(goMod ? rawVersion.slice(0, -'/go.mod'.length) : rawVersion);
    const key = `${module}@${version}`;
    out.set(key, mergeArtifacts(out.get(key) ?? [], [goMod ? { name: '/go.mod', hash } : { hash }]));
  }
  return out;
}

function mergeArtifacts(a: readonly LockedArtifact[], b: readonly LockedArtifact[]): LockedArtifact[] {
  const out = [...a];
  for (const item of b) if (!out.some((o) => o.name === item.name && o.hash === item.hash)) out.push(item);
  return out;
}

function readSmall(path: string): string | undefined {
  try {
    return statSync(path).size < 16 * 1024 * 1024 ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
