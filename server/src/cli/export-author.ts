import { homedir } from 'node:os';
import { vexAuthor } from '../vex/author';
import type { CliIO } from './io';

/** Who the OpenVEX export names: `CHAINSIGHT_VEX_AUTHOR`, else git's identity for the folder, else `Chainsight`. */
export function exportAuthor(root: string, io: CliIO): string {
  return vexAuthor(io.env.CHAINSIGHT_VEX_AUTHOR, root, { home: io.env.HOME || homedir(), ...(io.env.XDG_CONFIG_HOME ? { xdgConfigHome: io.env.XDG_CONFIG_HOME } : {}) }) ?? 'Chainsight';
}
