import type { EcosystemName } from '../core/package';
import type { OsvRecord } from './types';

/** A package to look up: its ecosystem and normalised name. Versions are matched by the engine. */
export interface PackageQuery {
  ecosystem: EcosystemName;
  name: string;
}

/** Where the answer came from and how much to trust its freshness; drives the status bar. */
export interface SourceStatus {
  /** `offline-data`: a folder or zip; `online`: osv.dev (or a mirror) with a cache; `offline`: the store only. */
  kind: 'offline-data' | 'online' | 'offline' | 'none';
  /** Human description, e.g. the folder or URL. */
  description: string;
  /** When the oldest data in this answer was fetched or imported (ms since epoch), when known. */
  dataTime?: number;
  /** Some queries failed: findings may be missing. */
  incomplete: boolean;
  /** The network failed and cached or offline data answered instead. */
  stale: boolean;
  /** The error behind `incomplete` or `stale`, for the user. */
  error?: string;
  /** Files of offline OSV data that are not OSV records: the first few by name, and how many in all. */
  unreadable?: { files: string[]; count: number };
}

export interface SourceAnswer {
  /** Records per `packageKey(ecosystem, name)`; withdrawn records are already left out. */
  records: Map<string, OsvRecord[]>;
  status: SourceStatus;
}

/**
 * Where advisories come from. Every implementation answers with *all* records that name each
 * package, whatever its version: matching happens once, in the engine, so that online and
 * offline answers give identical findings and fixes can look beyond the installed version.
 */
export interface VulnerabilitySource {
  recordsFor(queries: readonly PackageQuery[], signal?: AbortSignal): Promise<SourceAnswer>;
  /** Releases held resources (connection pools, store handles). */
  dispose?(): Promise<void> | void;
}
