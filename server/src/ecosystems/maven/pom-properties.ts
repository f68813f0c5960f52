import type { PomModel } from './pom-model';

/**
 * `${name}` interpolation as Maven does it on the effective model: a child's properties override
 * its parents', built-ins (`project.version`, `project.parent.version`, ...) come from the child,
 * values may reference other properties, and an unknown reference stays as written.
 */
export interface PropertyDefinition {
  name: string;
  /** Raw value as written, before interpolation. */
  raw: string;
  /** 0 for the file being parsed, 1 for its parent, and so on. */
  depth: number;
  /** Offsets of the value in the file at `depth`; undefined for built-ins. */
  start?: number;
  end?: number;
}

export type PropertyTable = Map<string, PropertyDefinition>;

/** Builds the table from the parsed file (chain[0]) and its parents (chain[1..]). */
export function propertyTable(chain: readonly PomModel[]): PropertyTable {
  const table: PropertyTable = new Map();
  for (let depth = chain.length - 1; depth >= 0; depth--) {
    for (const p of chain[depth]!.properties) {
      table.set(p.name, { name: p.name, raw: p.value.value, depth, start: p.value.start, end: p.value.end });
    }
  }
  const self = chain[0]!;
  const builtIns: Record<string, string | undefined> = {
    'project.groupId': self.groupId?.value ?? self.parent?.groupId?.value,
    'project.artifactId': self.artifactId?.value,
    'project.version': self.version?.value ?? self.parent?.version?.value,
    'project.parent.groupId': self.parent?.groupId?.value,
    'project.parent.artifactId': self.parent?.artifactId?.value,
    'project.parent.version': self.parent?.version?.value,
  };
  for (const [name, raw] of Object.entries(builtIns)) {
    if (raw === undefined) continue;
    // Maven 2 spellings (`pom.version`, `version`, `parent.version`) still appear in old POMs.
    for (const alias of [name, name.replace(/^project\./, 'pom.'), name.replace(/^project\./, '')]) {
      if (!table.has(alias)) table.set(alias, { name: alias, raw, depth: 0 });
    }
  }
  return table;
}

const REFERENCE = /\$\{([^${}]+)\}/g;
const MAX_DEPTH = 32;

/** Interpolates every `${...}` it can; what stays unresolved keeps its `${...}` form. */
export function interpolate(text: string, table: PropertyTable): string {
  return expand(text, table, 0, new Set());
}

function expand(text: string, table: PropertyTable, depth: number, seen: Set<string>): string {
  if (depth > MAX_DEPTH || !text.includes('${')) return text;
  return text.replace(REFERENCE, (whole, name: string) => {
    const def = table.get(name);
    if (!def || seen.has(name)) return whole;
    seen.add(name);
    const value = expand(def.raw, table, depth + 1, seen);
    seen.delete(name);
    return value;
  });
}

/**
 * The property whose literal value a text reduces to when the text is exactly one reference
 * (`${a}`, where a may itself be `${b}`): that is where a fix writes and where the diagnostic
 * points. Undefined for literals, built-ins, mixed text (`${major}.1`) or unknown names.
 */
export function valueDefinition(text: string, table: PropertyTable): PropertyDefinition | undefined {
  let current = singleReference(text);
  let found: PropertyDefinition | undefined;
  const seen = new Set<string>();
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    const def = table.get(current);
    if (!def || def.start === undefined) return undefined;
    found = def;
    current = singleReference(def.raw);
  }
  return found;
}

export function singleReference(text: string): string | undefined {
  const m = /^\s*\$\{([^${}]+)\}\s*$/.exec(text);
  return m ? m[1] : undefined;
}
