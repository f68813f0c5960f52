import { basename } from 'node:path';
import type { ExtractedPackage, Importer, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { syntaxError } from '../../core/syntax-error';
import { type Term, readTerm } from './elixir-terms';

/**
 * mix.lock (Elixir's Mix, also used by Erlang projects through rebar3's mix-lock compatibility):
 * a map from dependency app name to its lock entry:
 *
 *   "plug": {:hex, :plug, "1.11.1", "<inner checksum>", [:mix], [{:mime, "~> 1.0", [hex: :mime, repo: "hexpm", optional: false]}], "hexpm", "<outer checksum>"},
 *   "foo": {:git, "https://github.com/org/foo.git", "<sha>", [branch: "main"]},
 *
 * Edges come from each hex entry's dependency list. mix.exs, where the project declares its
 * dependencies, is Elixir code that Chainsight does not evaluate, so the lock's roots are inferred:
 * a locked package no other locked package depends on must have been asked for by the project, so
 * it is direct (a package the project declares and another package also requires is reported as
 * transitive: the lock cannot tell). One importer holds them, so every package has a path.
 * Packages from a private Hex organisation (`"hexpm:org"`) or another repo are marked `url`.
 */
export function parseMixLock(path: string, text: string): ParseResult {
  const index = new LineIndex(text);
  const fail = (message: string, offset: number): ParseResult => ({ kind: 'lockfile', packages: [], errors: [syntaxError(index, basename(path), message, offset)] });
  const first = /^(?:[\s\ufeff]|#[^\n]*)*/.exec(text)![0].length;
  if (first < text.length && !text.startsWith('%{', first)) return fail('expected a map (%{…}) of locked dependencies', first);
  const read = readTerm(text);
  if (read.error) return fail(read.error.message, read.error.offset);
  if (!read.term) return { kind: 'lockfile', packages: [], errors: [] };
  if (read.term.kind !== 'map') return fail('expected a map (%{…}) of locked dependencies', read.term.start);

  const packages: ExtractedPackage[] = [];
  const childKeys = new Map<ExtractedPackage, string[]>();
  const inner = (t: Term) => (text[t.start] === '"' ? index.range(t.start + 1, t.end - 1) : index.range(t.start, t.end));
  const seen = new Set<string>();
  for (const { key, value } of read.term.entries) {
    // An Elixir map has unique keys; a hand-edited duplicate is read the first time only.
    if (key.kind !== 'string' || value.kind !== 'tuple' || seen.has(key.value)) continue;
    seen.add(key.value);
    const [scm, ...rest] = value.items;
    if (scm?.kind !== 'atom') continue;
    if (scm.value === 'hex') {
      const [nameAtom, version, innerChecksum, , deps, repo, outerChecksum] = rest;
      if (nameAtom?.kind !== 'atom' || version?.kind !== 'string') continue;
      const repoName = repo?.kind === 'string' ? repo.value : 'hexpm';
      const pkg: ExtractedPackage = {
        id: key.value,
        ecosystem: 'Hex',
        name: nameAtom.value,
        version: version.value,
        direct: false,
        groups: [],
        source: repoName === 'hexpm' ? 'registry' : 'url',
        nameRange: text[nameAtom.start + 1] === '"' ? index.range(nameAtom.start + 2, nameAtom.end - 1) : index.range(nameAtom.start + 1, nameAtom.end),
        versionRange: inner(version),
      };
      if (nameAtom.value !== key.value) pkg.alias = key.value;
      if (repoName !== 'hexpm') pkg.resolved = `hex:${repoName}`;
      const checksum = [outerChecksum, innerChecksum].find((c) => c?.kind === 'string' && /^[0-9a-f]{64}$/i.test(c.value));
      if (checksum?.kind === 'string') pkg.integrity = `sha256-${Buffer.from(checksum.value, 'hex').toString('base64')}`;
      childKeys.set(pkg, dependencyKeys(deps));
      packages.push(pkg);
    } else if (scm.value === 'git') {
      const [url, sha] = rest;
      const pkg: ExtractedPackage = { id: key.value, ecosystem: 'Hex', name: key.value, version: '', direct: false, groups: [], source: 'git', nameRange: inner(key) };
      if (url?.kind === 'string') pkg.resolved = url.value;
      if (sha?.kind === 'string') pkg.commit = sha.value;
      childKeys.set(pkg, []);
      packages.push(pkg);
    }
  }

  const ids = new Set(packages.map((p) => p.id));
  for (const p of packages) p.dependencies = [...new Set(childKeys.get(p)!.filter((k) => ids.has(k) && k !== p.id))];
  const importers: Importer[] = [{ path: '', dependencies: inferredRoots(packages) }];
  for (const p of packages) p.direct = importers[0]!.dependencies.includes(p.id);
  return { kind: 'lockfile', packages, errors: [], importers };
}

/** `[{:mime, "~> 1.0", [hex: :mime, …]}, …]` → the lock keys (app names) depended on. */
function dependencyKeys(deps: Term | undefined): string[] {
  if (deps?.kind !== 'list') return [];
  const out: string[] = [];
  for (const d of deps.items) if (d.kind === 'tuple' && d.items[0]?.kind === 'atom') out.push(d.items[0].value);
  return out;
}

/** Packages nothing else in the lock depends on, plus one member of any cycle left unreachable. */
function inferredRoots(packages: ExtractedPackage[]): string[] {
  const hasParent = new Set(packages.flatMap((p) => p.dependencies ?? []));
  const roots = packages.filter((p) => !hasParent.has(p.id)).map((p) => p.id);
  const byId = new Map(packages.map((p) => [p.id, p]));
  const reached = new Set<string>();
  const visit = (id: string) => {
    const stack = [id];
    while (stack.length) {
      const next = stack.pop()!;
      if (reached.has(next)) continue;
      reached.add(next);
      stack.push(...(byId.get(next)?.dependencies ?? []));
    }
  };
  roots.forEach(visit);
  for (const p of packages) {
    if (!reached.has(p.id)) {
      roots.push(p.id);
      visit(p.id);
    }
  }
  return roots;
}
