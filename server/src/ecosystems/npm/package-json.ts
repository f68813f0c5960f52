import type { Node } from 'jsonc-parser';
import { basename as baseName } from 'node:path';
import type { ExtractedPackage, OverrideDeclaration, ParseResult, ProjectInfo } from '../../core/package';
import { duplicateKeyWarnings } from '../../core/json-duplicate-keys';
import { parseJsonTree } from '../../core/json-syntax';
import { jsonMembers, jsonProperty as property } from '../../core/json-tree';
import { LineIndex } from '../../core/text-range';
import { lockfilesWrittenBy, overrideFieldsOf } from '../files';
import { exactNpmVersion } from './requirements';
import { classifySpec } from './spec';

/** Dependency sections of package.json and the group each one puts its packages in. */
export const DEPENDENCY_SECTIONS: ReadonlyArray<{ key: string; groups: string[] }> = [
  { key: 'dependencies', groups: [] },
  { key: 'devDependencies', groups: ['dev'] },
  { key: 'optionalDependencies', groups: ['optional'] },
  { key: 'peerDependencies', groups: ['peer'] },
];

export function parsePackageJson(path: string, text: string): ParseResult {
  const { root, error } = parseJsonTree(text, baseName(path));
  if (error) return { kind: 'manifest', packages: [], errors: [error] };
  if (!root || root.type !== 'object') {
    const index = new LineIndex(text);
    return {
      kind: 'manifest',
      packages: [],
      errors: [{ message: `could not read ${baseName(path)}: the top level is not a JSON object`, range: index.range(root?.offset ?? 0, (root?.offset ?? 0) + 1), severity: 'error' }],
    };
  }
  const index = new LineIndex(text);
  const packages: ExtractedPackage[] = [];
  for (const section of DEPENDENCY_SECTIONS) {
    const object = property(root, section.key);
    // npm reads package.json with JSON.parse: of two equal keys, the last counts.
    for (const [keyNode, valueNode] of jsonMembers(object)) {
      if (valueNode.type !== 'string') continue;
      const key = String(keyNode.value);
      const requirement = String(valueNode.value);
      const spec = classifySpec(key, requirement);
      packages.push({
        id: `${section.key}:${key}`,
        ecosystem: 'npm',
        name: spec.name,
        version: spec.source === 'registry' ? (exactNpmVersion(spec.range) ?? '') : '',
        requirement,
        direct: true,
        groups: section.groups,
        source: spec.source,
        versionRange: index.range(valueNode.offset + 1, valueNode.offset + valueNode.length - 1),
        nameRange: index.range(keyNode.offset + 1, keyNode.offset + keyNode.length - 1),
        ...(spec.alias ? { alias: spec.alias } : {}),
      });
    }
  }
  return { kind: 'manifest', packages, errors: duplicateKeyWarnings(text, baseName(path), index), project: projectInfo(root, index) };
}

/**
 * Where each package manager of the npm family reads forced versions from (npm `overrides`, yarn
 * `resolutions`, pnpm `pnpm.overrides`, ...), as the lockfile entries of the format registry say.
 */
const OVERRIDE_FIELDS = overrideFieldsOf('npm');

function overrideDeclarations(root: Node, index: LineIndex): OverrideDeclaration[] {
  const out: OverrideDeclaration[] = [];
  for (const field of OVERRIDE_FIELDS) {
    let node: Node | undefined = root;
    for (const key of field.path) node = node?.type === 'object' ? property(node, key) : undefined;
    if (node?.type === 'object') collectOverrides(node, field.appliesTo, index, out);
  }
  return out;
}

/**
 * npm overrides nest (`{ "foo": { ".": "1.0.0", "bar": "2.0.0" } }`); yarn and pnpm keys may name a
 * parent path (`a/b`, `a>b`) or carry a range (`qs@<6.5.3`). The package is the last name in the key.
 */
function collectOverrides(object: Node, appliesTo: readonly string[], index: LineIndex, out: OverrideDeclaration[]): void {
  for (const [keyNode, valueNode] of jsonMembers(object)) {
    const key = String(keyNode.value);
    if (valueNode.type === 'object') {
      collectOverrides(valueNode, appliesTo, index, out);
      const self = property(valueNode, '.');
      if (self?.type === 'string') out.push(declaration(key, self, appliesTo, index));
    } else if (valueNode.type === 'string' && key !== '.') {
      out.push(declaration(key, valueNode, appliesTo, index));
    }
  }
}

function declaration(key: string, value: Node, appliesTo: readonly string[], index: LineIndex): OverrideDeclaration {
  return { name: overrideTarget(key), requirement: String(value.value), range: index.range(value.offset + 1, value.offset + value.length - 1), appliesTo };
}

/** The package an override key is for: `a>b` and `a/b` → b, `@s/y/@s/z` → @s/z, `qs@<6` → qs (globstar prefixes dropped). */
export function overrideTarget(key: string): string {
  const last = key.split('>').pop()!.trim();
  const tokens = last.split('/').filter((t) => t !== '' && t !== '**');
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i++) names.push(tokens[i]!.startsWith('@') && i + 1 < tokens.length ? `${tokens[i]}/${tokens[++i]}` : tokens[i]!);
  const name = names.pop() ?? last;
  const at = name.indexOf('@', 1);
  return at === -1 ? name : name.slice(0, at);
}

function projectInfo(root: Node, index: LineIndex): ProjectInfo {
  const info: ProjectInfo = {};
  const name = property(root, 'name');
  if (name?.type === 'string') info.name = String(name.value);
  const version = property(root, 'version');
  if (version?.type === 'string') info.version = String(version.value);
  // `workspaces` is an array of globs, or (yarn classic) `{ packages: [...] }`.
  let workspaces = property(root, 'workspaces');
  if (workspaces?.type === 'object') workspaces = property(workspaces, 'packages');
  if (workspaces?.type === 'array') {
    info.workspaces = (workspaces.children ?? []).filter((n) => n.type === 'string').map((n) => String(n.value));
  }
  const overrides = overrideDeclarations(root, index);
  if (overrides.length) info.overrides = overrides;
  const manager = property(root, 'packageManager');
  // Corepack's `packageManager` names the tool, and so which lockfile is live.
  const preferred = manager?.type === 'string' ? lockfilesWrittenBy('npm', String(manager.value).split('@')[0]!.trim()) : [];
  if (preferred.length) info.preferredLockfiles = preferred;
  return info;
}

