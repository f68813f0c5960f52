import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Files a corpus fixture folder holds that are inputs to parse. */
const NOT_INPUTS = new Set(['NOTICE.md', 'known-differences.json']);

/** Every input file below `folder`, sorted, without expectations, notices and known-difference lists. */
export function fixtureFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!name.endsWith('.expected.json') && !NOT_INPUTS.has(name)) out.push(full);
    }
  };
  walk(folder);
  return out;
}
