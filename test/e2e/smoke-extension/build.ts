import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { runLogged } from '../lib/exec';
import { SMOKE_FILES } from './files';

/** Where the repo's own vsce lives: `npx vsce` from a temp dir would look it up in the registry instead. */
const VSCE = join(__dirname, '..', '..', '..', 'node_modules', '@vscode', 'vsce', 'vsce');

/**
 * Packages the throwaway smoke extension into a VSIX, so the harness's install path is exercised before
 * Chainsight's own VSIX exists. Keyed by a hash of its files: built once, reused by later scenarios and runs.
 */
export async function buildSmokeExtension(): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(SMOKE_FILES)).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `chainsight-e2e-smoke-extension-${hash}`);
  const vsix = join(dir, 'chainsight-smoke.vsix');
  if (existsSync(vsix)) return vsix;
  // Compile only: a syntax error here is clearer than an activation failure deep in the exthost log.
  new Script(SMOKE_FILES['extension.js'] ?? '', { filename: 'smoke-extension/extension.js' });
  const work = `${dir}.tmp-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const [name, text] of Object.entries(SMOKE_FILES)) writeFileSync(join(work, name), text);
  await runLogged({
    cmd: process.execPath,
    args: [VSCE, 'package', '--no-dependencies', '--out', 'chainsight-smoke.vsix'],
    cwd: work,
    logFile: join(work, 'vsce.log'),
  });
  try {
    renameSync(work, dir);
  } catch (e) {
    // Another scenario or run built the same files first; theirs is as good as ours.
    rmSync(work, { recursive: true, force: true });
    if (!existsSync(vsix)) throw e;
  }
  return vsix;
}
