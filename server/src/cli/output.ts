import { promises as fs } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parserForFile } from '../ecosystems';
import type { ReportInput } from '../reports/report-input';
import { type CliIO, RunError } from './io';
import { describeFileError } from './errors';

/** The report to `--output FILE`, or to stdout; a file that cannot be written is a clear error. */
export async function writeReport(io: CliIO, output: string | undefined, text: string): Promise<void> {
  if (!output) {
    io.stdout(text);
    return;
  }
  const file = resolve(io.cwd, output);
  try {
    await fs.writeFile(file, text);
  } catch (err) {
    throw new RunError(`cannot write the report to ${file}: ${describeFileError(err)}`);
  }
}

/** Why a run read nothing: PATH holds no dependency file, or is a file Chainsight does not read. */
export function nothingFound(path: string, input: Pick<ReportInput, 'root'>): string {
  if (path !== input.root && !parserForFile(basename(path))) return `${path} is not a dependency file Chainsight reads`;
  return `no dependency files found under ${path}`;
}
