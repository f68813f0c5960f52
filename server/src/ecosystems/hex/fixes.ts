import type { FixWriter } from '../types';

/**
 * mix.exs is Elixir code, so Chainsight writes no edits to it. A vulnerable package is moved with
 * `mix deps.update <name>`, which re-resolves it to the newest version every requirement allows;
 * when a requirement caps it below the fix, the hover says which package asks for it.
 */
export const hexFixes: FixWriter = {
  upgrade: () => undefined,
  override(_manifest, name, version) {
    return {
      title: `Update ${name} in mix.lock (mix deps.update ${name}; needs ${version} or later)`,
      edits: [],
      command: { command: 'mix', args: ['deps.update', name] },
    };
  },
};
