import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixtureLockEntry } from './registry-server';
import { SIGSTORE_FIXTURES } from './registry-server';
import { tempWorkspace, type TempWorkspace } from './temp-workspace';

export const TRUSTED_ROOT = join(SIGSTORE_FIXTURES, 'trust', 'trusted_root.public-good.json');

/** An OSV record for a package no provenance workspace uses: offline data that is valid yet finds nothing. */
export const UNRELATED_OSV_RECORD = `${JSON.stringify({ id: 'CHAINSIGHT-TEST-0001', modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'not-in-this-workspace' }, versions: ['1.0.0'] }] })}\n`;

export interface ProvenanceWorkspace extends TempWorkspace {
  /**
   * The environment of a user whose own npm configuration (outside the workspace) names the
   * registry, with no global npmrc, no proxy and a private store: what Chainsight honours whether or
   * not the workspace is trusted.
   */
  env: NodeJS.ProcessEnv;
}

export interface ProvenanceWorkspaceOptions {
  /** The project's `.npmrc` (default: `registry=<registry>`, as a company mirror would be named). */
  projectNpmrc?: string;
  /** The user's own `~/.npmrc` (default: `registry=<registry>`). */
  userNpmrc?: string;
  /** Extra variables for `env` (e.g. a secret a hostile `.npmrc` tries to expand). */
  env?: NodeJS.ProcessEnv;
}

/**
 * A project whose lockfile pins the given packages, with an `.npmrc` pointing npm at a registry, and a
 * user configuration beside it (not inside it) that names the same registry unless told otherwise.
 */
export function provenanceWorkspace(registry: string, entries: readonly FixtureLockEntry[], direct: readonly string[] = entries.map((e) => e.name), options: ProvenanceWorkspaceOptions = {}): ProvenanceWorkspace {
  const base = registry.replace(/\/+$/, '');
  const dependencies = Object.fromEntries(entries.filter((e) => direct.includes(e.name)).map((e) => [e.name, e.version]));
  const packages: Record<string, unknown> = { '': { name: 'app', version: '1.0.0', dependencies } };
  for (const e of entries) {
    const bare = e.name.split('/').pop();
    packages[`node_modules/${e.name}`] = { version: e.version, resolved: `${base}/${e.name}/-/${bare}-${e.version}.tgz`, integrity: e.integrity };
  }
  const ws = tempWorkspace({
    '.npmrc': options.projectNpmrc ?? `registry=${registry}\n`,
    'package.json': `${JSON.stringify({ name: 'app', version: '1.0.0', dependencies }, null, 2)}\n`,
    'package-lock.json': `${JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  });
  const home = mkdtempSync(join(tmpdir(), 'chainsight-user-'));
  writeFileSync(join(home, 'npmrc'), options.userNpmrc ?? `registry=${registry}\n`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    npm_config_userconfig: join(home, 'npmrc'),
    npm_config_globalconfig: join(home, 'no-global-npmrc'),
    npm_config_registry: '',
    CHAINSIGHT_STORE: join(home, 'chainsight.db'),
    HTTP_PROXY: '',
    HTTPS_PROXY: '',
    http_proxy: '',
    https_proxy: '',
    ...options.env,
  };
  return {
    ...ws,
    env,
    dispose() {
      ws.dispose();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
