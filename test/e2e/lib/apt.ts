import { spawnSync } from 'node:child_process';
import { runLogged } from './exec';

export function isDebPackageInstalled(name: string): boolean {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** Installs the missing Debian packages in one apt transaction (apt-get update first: a fresh machine has no lists). */
export async function ensureDebPackages(names: string[], logFile: string): Promise<string[]> {
  const missing = names.filter((n) => !isDebPackageInstalled(n));
  if (missing.length === 0) return [];
  if (process.getuid?.() !== 0) {
    throw new Error(
      `the e2e harness needs the Debian packages ${missing.join(', ')}, and installing them needs root. ` +
        `Run as root, or install them first: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  // Someone else's apt run holds the lock for a while; wait for it instead of failing at once.
  const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runLogged({ cmd: 'apt-get', args: [...lockWait, 'update'], env, logFile });
  // Recommends stay in: chromium's include the fonts Monaco measures text with.
  await runLogged({ cmd: 'apt-get', args: [...lockWait, 'install', '-y', ...missing], env, logFile });
  return missing;
}
