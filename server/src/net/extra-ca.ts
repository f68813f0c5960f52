import { readFileSync } from 'node:fs';

/**
 * Node reads NODE_EXTRA_CA_CERTS only when the process starts, and a language server started by an
 * Electron host may have missed it: read the file ourselves. An unreadable file is reported, not thrown.
 */
export function readExtraCaCerts(env: NodeJS.ProcessEnv): { pem?: string; error?: string } {
  const file = env.NODE_EXTRA_CA_CERTS?.trim();
  if (!file) return {};
  try {
    const pem = readFileSync(file, 'utf8');
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) return { error: `NODE_EXTRA_CA_CERTS (${file}) holds no PEM certificate` };
    return { pem };
  } catch (err) {
    return { error: `cannot read NODE_EXTRA_CA_CERTS (${file}): ${(err as Error).message}` };
  }
}
