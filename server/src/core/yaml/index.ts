import { readWithYamlLibrary } from './library-reader';
import { readYamlSubset } from './subset-reader';
import type { YamlReadResult } from './tree';

export * from './tree';
export { readWithYamlLibrary } from './library-reader';
export { readYamlSubset } from './subset-reader';

/** Reads YAML: the fast subset reader, else the `yaml` library (which also words the errors). */
export function readYaml(text: string): YamlReadResult {
  const documents = readYamlSubset(text);
  // Outside the subset (or a syntax error): the general parser decides, and words the error.
  return documents ? { documents } : readWithYamlLibrary(text);
}
