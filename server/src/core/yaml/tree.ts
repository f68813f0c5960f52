/**
 * THE YAML model: YAML read into a small tree that keeps source offsets, for lockfiles
 * (pnpm-lock.yaml, yarn berry's yarn.lock) and pub's files alike. Package managers write a narrow, regular subset of YAML: block mappings and
 * sequences, plain and quoted scalars, one-line flow collections (`{integrity: sha512-...}`). A
 * reader for just that subset is ~10× faster than a general YAML parser with positions (the `yaml`
 * library needs seconds for a 1 MB pnpm-lock.yaml), which matters for monorepo lockfiles of many
 * megabytes. Anything outside the subset — anchors, tags, block scalars, multi-line scalars, or a
 * syntax error — is handed to the `yaml` library, so hand-edited files still read exactly as YAML
 * says and errors come with YAML's own wording and position.
 *
 * Scalars keep their source text: a plain `1.10` stays "1.10" (not the number 1.1) and `true` stays
 * "true"; readers compare strings.
 */
export interface YamlScalar {
  kind: 'scalar';
  value: string;
  /** Offsets of the scalar's text in the file, quotes excluded. */
  start: number;
  end: number;
  quoted: boolean;
}

export interface YamlEntry {
  key: string;
  /** Offsets of the key's text, quotes excluded. */
  keyStart: number;
  keyEnd: number;
  value: YamlValue;
}

export interface YamlMap {
  kind: 'map';
  entries: YamlEntry[];
  /** Written as a flow collection (`{a: 1}`), which fixes do not rewrite by hand. */
  flow?: boolean;
}

export interface YamlSeq {
  kind: 'seq';
  items: YamlValue[];
  flow?: boolean;
}

/** `null` is an empty value (`key:` with nothing after it) or an empty document. */
export type YamlValue = YamlScalar | YamlMap | YamlSeq | null;

export interface YamlSyntaxError {
  message: string;
  start: number;
  end: number;
}

export type YamlReadResult = { documents: YamlValue[]; error?: undefined } | { documents?: undefined; error: YamlSyntaxError };

export function mapValue(map: YamlValue | undefined, key: string): YamlValue | undefined {
  if (!map || map.kind !== 'map') return undefined;
  for (const entry of map.entries) if (entry.key === key) return entry.value;
  return undefined;
}

export function scalarValue(node: YamlValue | undefined): string | undefined {
  return node && node.kind === 'scalar' ? node.value : undefined;
}

export function mapEntries(node: YamlValue | undefined): YamlEntry[] {
  return node && node.kind === 'map' ? node.entries : [];
}

/** A mapping's scalar values by key (`dependencies: { a: 1.0.0 }` → { a: '1.0.0' }). */
export function scalarRecord(node: YamlValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of mapEntries(node)) if (entry.value?.kind === 'scalar') out[entry.key] = entry.value.value;
  return out;
}

/** Where a value's text ends (its last scalar's), or undefined for an empty value. */
export function valueEnd(node: YamlValue | undefined): number | undefined {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.end;
  if (node.kind === 'seq') {
    for (let i = node.items.length - 1; i >= 0; i--) {
      const end = valueEnd(node.items[i]);
      if (end !== undefined) return end;
    }
    return undefined;
  }
  const last = node.entries[node.entries.length - 1];
  return last ? (valueEnd(last.value) ?? last.keyEnd) : undefined;
}
