import type { Node } from 'jsonc-parser';
import type { ExtractedPackage, OverrideDeclaration, ParseResult, ProjectInfo } from '../../core/package';
import { duplicateKeyWarnings } from '../../core/json-duplicate-keys';
import { parseJsonTree } from '../../core/json-syntax';
import { LineIndex } from '../../core/text-range';
import { overrideFieldsOf } from '../files';
import { exactComposerVersion, isBranchConstraint } from './composer-constraint';
import { isPlatformPackage, members, property, stringContent, stringProperty } from './json-nodes';

const SECTIONS: ReadonlyArray<{ key: string; groups: string[] }> = [
  { key: 'require', groups: [] },
  { key: 'require-dev', groups: ['dev'] },
];

/**
 * composer.json → one package per `require` / `require-dev` entry (names lower-cased, as
 * Composer and Packagist treat them). Platform requirements are skipped. A branch constraint
 * (`dev-main`, `2.x-dev`, `dev-main#abc123`) is a VCS checkout, not a release: marked `git`.
 */
export function parseComposerJson(_path: string, text: string): ParseResult {
  const { root, error } = parseJsonTree(text, 'composer.json');
  if (error) return { kind: 'manifest', packages: [], errors: [error] };
  const index = new LineIndex(text);
  if (root?.type !== 'object') {
    const offset = root?.offset ?? 0;
    return {
      kind: 'manifest',
      packages: [],
      errors: [{ message: 'could not read composer.json: the top level is not a JSON object', range: index.range(offset, offset + 1), severity: 'error' }],
    };
  }
  const packages: ExtractedPackage[] = [];
  const ids = new Set<string>();
  for (const section of SECTIONS) {
    for (const [key, value] of members(property(root, section.key))) {
      const name = String(key.value).trim().toLowerCase();
      if (isPlatformPackage(name) || value.type !== 'string') continue;
      const requirement = String(value.value);
      let id = `${section.key}:${name}`;
      for (let n = 2; ids.has(id); n++) id = `${section.key}:${name}#${n}`;
      ids.add(id);
      const branch = isBranchConstraint(requirement);
      const commit = /#([0-9a-f]{7,40})\b/i.exec(requirement)?.[1];
      const nameContent = stringContent(key);
      const valueContent = stringContent(value);
      const pkg: ExtractedPackage = {
        id,
        ecosystem: 'Packagist',
        name,
        version: branch ? '' : (exactComposerVersion(requirement) ?? ''),
        requirement,
        direct: true,
        groups: section.groups,
        source: branch ? 'git' : 'registry',
        nameRange: index.range(nameContent.start, nameContent.end),
        versionRange: index.range(valueContent.start, valueContent.end),
      };
      if (branch && commit) pkg.commit = commit;
      packages.push(pkg);
    }
  }
  const project: ProjectInfo = {};
  const name = stringProperty(root, 'name');
  const version = stringProperty(root, 'version');
  if (name) project.name = String(name.value);
  if (version) project.version = String(version.value);
  const conflicts = conflictDeclarations(root, index);
  if (conflicts.length) project.overrides = conflicts;
  return { kind: 'manifest', packages, errors: duplicateKeyWarnings(text, 'composer.json', index), project };
}

/**
 * `conflict` entries keep versions out of the lock (the transitive fix writes `"vendor/pkg": "<fixed"`).
 * Read back, they tell the analysis which locked versions the next `composer update` must move.
 */
function conflictDeclarations(root: Node, index: LineIndex): OverrideDeclaration[] {
  const out: OverrideDeclaration[] = [];
  for (const field of OVERRIDE_FIELDS) {
    let object: Node | undefined = root;
    for (const key of field.path) object = object && property(object, key);
    for (const [key, value] of members(object)) {
      const name = String(key.value).trim().toLowerCase();
      if (isPlatformPackage(name) || value.type !== 'string') continue;
      const content = stringContent(value);
      out.push({ name, requirement: String(value.value), range: index.range(content.start, content.end), appliesTo: field.appliesTo, ...(field.excludes ? { excludes: true } : {}) });
    }
  }
  return out;
}

/** `conflict`, from composer.lock's entry. */
const OVERRIDE_FIELDS = overrideFieldsOf('Packagist');
