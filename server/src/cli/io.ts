/** What a command may touch, injected so tests run commands in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** A mistake in how the command was called: exit code 2 with the usage text. */
export class UsageError extends Error {}

/** Something went wrong while running: exit code 2 with the message (which names file:line where it can). */
export class RunError extends Error {}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;
