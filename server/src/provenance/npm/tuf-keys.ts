import type { TUF } from '@sigstore/tuf';
import { parseJson } from '../json';
import type { TrustedKeysLoader } from '../types';
import { commonJsExports } from '../../core/commonjs-module';

/**
 * npm registry keys from Sigstore's TUF repository (target `<host><path>/keys.json`, e.g.
 * `registry.npmjs.org/keys.json`), as `npm audit signatures` prefers them: the TUF metadata is
 * signed independently of the registry, and the target carries each key's validity window.
 * Registries without a target (every mirror) answer undefined, and the registry's own endpoint is
 * used. Unreachable TUF rejects (callers treat it as no keys). Not exercised offline in tests.
 */
export function tufRegistryKeys(options: { cachePath: string; mirrorURL?: string; timeoutMs?: number }): TrustedKeysLoader {
  let client: Promise<TUF> | undefined;
  return async (registryUrl: string) => {
    let target: string;
    try {
      const { host, pathname } = new URL(registryUrl);
      target = `${host}${pathname.replace(/\/+$/, '')}/keys.json`;
    } catch {
      return undefined;
    }
    try {
      client ??= import('@sigstore/tuf').then((mod) => commonJsExports(mod).initTUF({
        cachePath: options.cachePath,
        ...(options.mirrorURL ? { mirrorURL: options.mirrorURL } : {}),
        timeout: options.timeoutMs ?? 10_000,
        retry: { retries: 1 },
      }));
      const text = await (await client).getTarget(target);
      const parsed = parseJson(text);
      return parsed.ok ? parsed.value : undefined;
    } catch (err) {
      // No target for this registry is an answer; a failed refresh is retried on the next check, and
      // reported so that the caller's breaker counts it.
      if ((err as { code?: string }).code === 'TUF_FIND_TARGET_ERROR') return undefined;
      client = undefined;
      throw err;
    }
  };
}
