import { VERSION } from '../version';
import { COMMANDS } from './commands';
import { plainText } from '../core/terminal-text';
import { errorLine } from './errors';
import { type CliIO, EXIT_ERROR, EXIT_OK, UsageError } from './io';

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
    io.stderr(`chainsight: unknown command "${plainText(name, 100)}"\n\n${USAGE}\n`);
    return EXIT_ERROR;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) io.stderr(`chainsight ${name}: ${plainText(err.message, 2_000)}\n\n${command.usage}\n`);
    else io.stderr(`${errorLine(name, err, !!io.env.CHAINSIGHT_DEBUG)}\n`);
    return EXIT_ERROR;
  }
}
