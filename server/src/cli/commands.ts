import type { CliIO } from './io';
import { scanCommand, SCAN_USAGE } from './scan-command';

/** THE list of CLI commands. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

export const COMMANDS: readonly CliCommand[] = [
  { name: 'scan', summary: 'Find known vulnerabilities in the dependency files under a folder', usage: SCAN_USAGE, run: scanCommand },
];
