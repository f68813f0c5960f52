import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PYPI_FIXTURES = join(__dirname, '../../../fixtures/ecosystems/pypi');

/** A PyPI fixture file's path and text, by its parts below the PyPI fixture folder. */
export function fixture(...parts: string[]): { path: string; text: string } {
  const path = join(PYPI_FIXTURES, ...parts);
  return { path, text: readFileSync(path, 'utf8') };
}
