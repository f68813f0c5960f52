import type { EcosystemName } from '../core/package';
import { withByteOrderMarkPolicy } from './byte-order-mark';
import { cargoEcosystem } from './cargo';
import { DEPENDENCY_FILES, type DependencyFileKind, fileKindFor } from './files';
import { goEcosystem } from './go';
import { hexEcosystem } from './hex';
import { mavenEcosystem } from './maven';
import { npmEcosystem } from './npm';
import { nugetEcosystem } from './nuget';
import { packagistEcosystem } from './packagist';
import { pubEcosystem } from './pub';
import { pypiEcosystem } from './pypi';
import { rubygemsEcosystem } from './rubygems';
import type { Ecosystem, ParseFn } from './types';

/** THE list of ecosystems. Order is display order. */
export const ECOSYSTEMS: readonly Ecosystem[] = [
  npmEcosystem,
  pypiEcosystem,
  goEcosystem,
  cargoEcosystem,
  mavenEcosystem,
  rubygemsEcosystem,
  packagistEcosystem,
  nugetEcosystem,
  pubEcosystem,
  hexEcosystem,
];

const byName = new Map<string, Ecosystem>(ECOSYSTEMS.map((e) => [e.name, e]));

export function ecosystemByName(name: string): Ecosystem | undefined {
  return byName.get(name as EcosystemName);
}

/** A format's entry, its ecosystem, and its parser (with the format's byte-order-mark rule applied). */
export interface ParserEntry {
  kind: DependencyFileKind;
  ecosystem: Ecosystem;
  parse: ParseFn;
}

const parsers = new Map<string, ParserEntry>();
for (const kind of DEPENDENCY_FILES) {
  const ecosystem = byName.get(kind.ecosystem);
  const parse = ecosystem?.parsers[kind.parser];
  // Each ecosystem's `parsers` map is checked against its format ids at compile time; this only
  // catches an entry filed under the wrong ecosystem.
  if (!ecosystem || !parse) throw new Error(`dependency file ${kind.parser} has no parser`);
  parsers.set(kind.parser, { kind, ecosystem, parse: withByteOrderMarkPolicy(kind, parse) });
}

export function parserById(id: string): ParserEntry | undefined {
  return parsers.get(id);
}

/** The parser for a file, by its base name; undefined for files Chainsight does not read. */
export function parserForFile(baseName: string): ParserEntry | undefined {
  const kind = fileKindFor(baseName);
  return kind ? parsers.get(kind.parser) : undefined;
}
