import { runCli } from './cli/main';

// Entry point of dist/cli.js. Output is written through process streams so large reports are not truncated on exit.
void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
