import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent } from 'undici';
import { parseTrustedRoot, type TrustedRootOutcome } from '../../../server/src/provenance/trusted-root';
import type { ProvenanceCache, ProvenanceContext } from '../../../server/src/provenance/types';
import { SIGSTORE_FIXTURES } from '../../support/registry-server';

/** The public-good trusted root from the fixtures: verification is fully offline. */
export function fixtureTrustedRoot(): TrustedRootOutcome {
  const file = join(SIGSTORE_FIXTURES, 'trust', 'trusted_root.public-good.json');
  return parseTrustedRoot(readFileSync(file, 'utf8'), file);
}

export function fixtureJson(...parts: string[]): any {
  return JSON.parse(readFileSync(join(SIGSTORE_FIXTURES, ...parts), 'utf8'));
}

/** An in-memory cache with the store's interface, recording writes. */
export class MemoryCache implements ProvenanceCache {
  readonly entries = new Map<string, unknown>();
  readonly writes: string[] = [];
  async get(kind: string, key: string): Promise<unknown> {
    const value = this.entries.get(`${kind}|${key}`);
    return value === undefined ? undefined : structuredClone(value);
  }
  async set(kind: string, key: string, value: unknown): Promise<void> {
    this.writes.push(`${kind}|${key}`);
    this.entries.set(`${kind}|${key}`, structuredClone(value));
  }
}

/** A context pointing every npm package at one registry; the caller closes `agent`. */
export function contextFor(registry: string, overrides: Partial<ProvenanceContext> = {}): ProvenanceContext & { agent: Agent } {
  const agent = new Agent({ connections: 16 });
  const root = fixtureTrustedRoot();
  return {
    agent,
    dispatcher: agent,
    registryFor: () => registry,
    trustedRoot: async () => root,
    timeoutMs: 5_000,
    ...overrides,
  };
}
