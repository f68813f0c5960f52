import { runCli } from './cli/main';
import { errorLine } from './cli/errors';

// Entry point of dist/cli.js. Output is written through process streams so large reports are not truncated on exit.
const debug = !!process.env.CHAINSIGHT_DEBUG;
const command = process.argv[2] ?? '';

// A reader that goes away (`chainsight scan | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
// Whatever escapes a command (an error in a callback) still ends with one line and exit code 2.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (err: unknown) => {
    process.stderr.write(`${errorLine(command, err, debug)}\n`);
    process.exit(2);
  });
}

void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
