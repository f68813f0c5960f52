import { VERSION } from '../version';
import { COMMANDS } from './commands';
import { type CliIO, EXIT_ERROR, EXIT_OK, RunError, UsageError } from './io';

const USAGE = `Usage: chainsight <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`).join('\n')}

Run "chainsight <command> --help" for a command's options.`;

/** Runs the CLI and returns the exit code; never throws. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${USAGE}\n`);
    return name ? EXIT_OK : EXIT_ERROR;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`chainsight: unknown command "${name}"\n\n${USAGE}\n`);
    return EXIT_ERROR;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`chainsight ${name}: ${err.message}\n\n${command.usage}\n`);
    } else if (err instanceof RunError) {
      io.stderr(`chainsight ${name}: error: ${err.message}\n`);
    } else {
      io.stderr(`chainsight ${name}: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    }
    return EXIT_ERROR;
  }
}
