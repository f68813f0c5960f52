import type { LockfileCommand } from '../types';

/**
 * The command that brings each lockfile back in line with its manifest while keeping the other
 * locked versions:
 * - `poetry lock`: Poetry 2.x keeps locked versions by default (1.x needed `--no-update`, an option
 *   2.0 removed, so passing it would fail on current Poetry);
 * - `uv lock`: keeps the locked versions that still satisfy the requirements;
 * - `pdm lock --update-reuse`: re-locks, reusing pinned versions where possible;
 * - `pipenv lock`.
 * pylock.toml gets none: several tools write it (`pip lock`, `uv export`, PDM) and the file does
 * not tell the command that produced it.
 */
const COMMANDS: Record<string, LockfileCommand> = {
  'pypi/poetry-lock': { command: 'poetry', args: ['lock'] },
  'pypi/uv-lock': { command: 'uv', args: ['lock'] },
  'pypi/pdm-lock': { command: 'pdm', args: ['lock', '--update-reuse'] },
  'pypi/pipfile-lock': { command: 'pipenv', args: ['lock'] },
};

export function pypiLockfileCommand(lockfileParser: string): LockfileCommand | undefined {
  const command = COMMANDS[lockfileParser];
  return command ? { command: command.command, args: [...command.args] } : undefined;
}
