import { type YamlMap, type YamlScalar, type YamlValue, readYaml } from '../../core/yaml';

/**
 * pub's files read with the shared YAML model: one document (package:yaml's `loadYaml` takes one),
 * plain scalars kept as written (`1.2` stays the text "1.2"), and YAML's null spellings (`~`,
 * `null`, nothing) read as absent.
 */
export type PubYaml = { root: YamlValue } | { error: { message: string; start: number; end: number } };

export function readPubYaml(text: string): PubYaml {
  const read = readYaml(text);
  if (read.error) return { error: read.error };
  if (read.documents.length > 1) return { error: { message: 'a pub file holds one YAML document', start: 0, end: 0 } };
  return { root: read.documents[0] ?? null };
}

export function asMap(node: YamlValue | undefined): YamlMap | undefined {
  return node?.kind === 'map' ? node : undefined;
}

/** A scalar that is not YAML's null, or undefined. */
export function scalarOf(node: YamlValue | undefined): YamlScalar | undefined {
  if (node?.kind !== 'scalar') return undefined;
  if (!node.quoted && (node.value === '~' || node.value === 'null' || node.value === 'Null' || node.value === 'NULL' || node.value === '')) return undefined;
  return node;
}

export function stringOf(node: YamlValue | undefined): string | undefined {
  return scalarOf(node)?.value;
}

export function stringList(node: YamlValue | undefined): string[] {
  if (node?.kind !== 'seq') return [];
  return node.items.flatMap((item) => {
    const s = stringOf(item);
    return s === undefined ? [] : [s];
  });
}
