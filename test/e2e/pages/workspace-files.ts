import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { until } from '../lib/wait';

/** The scenario's copy of its workspace on disk: what quick fixes and saves really wrote. */
export class WorkspaceFiles {
  constructor(readonly dir: string) {}

  path(rel: string): string {
    const abs = resolve(this.dir, rel);
    if (relative(this.dir, abs).startsWith('..')) throw new Error(`${rel} is outside the workspace`);
    return abs;
  }

  read(rel: string): string {
    return readFileSync(this.path(rel), 'utf8');
  }

  exists(rel: string): boolean {
    return existsSync(this.path(rel));
  }

  mkdir(rel: string): void {
    mkdirSync(this.path(rel), { recursive: true });
  }

  write(rel: string, text: string): void {
    writeFileSync(this.path(rel), text);
  }

  /** Waits until the file exists and its text satisfies `accept`; returns the text. */
  waitFor(rel: string, what: string, accept: (text: string) => boolean, timeoutMs?: number): Promise<string> {
    const read = (): string | undefined => (existsSync(this.path(rel)) ? this.read(rel) : undefined);
    return until(
      `${join(rel)} on disk: ${what}`,
      () => {
        const text = read();
        return text !== undefined && accept(text) ? text : undefined;
      },
      () => read() ?? '(missing)',
      { timeoutMs },
    );
  }
}
