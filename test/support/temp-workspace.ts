import { mkdirSync, mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A folder in the OS temp dir filled from a table of files; removed by `dispose`. */
export interface TempWorkspace {
  root: string;
  path(relative: string): string;
  write(relative: string, text: string): void;
  dispose(): void;
}

export function tempWorkspace(files: Record<string, string | { copyFrom: string }> = {}): TempWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'chainsight-test-'));
  const ws: TempWorkspace = {
    root,
    path: (relative) => join(root, relative),
    write(relative, text) {
      const full = join(root, relative);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
  for (const [relative, content] of Object.entries(files)) {
    if (typeof content === 'string') ws.write(relative, content);
    else {
      mkdirSync(dirname(join(root, relative)), { recursive: true });
      cpSync(content.copyFrom, join(root, relative), { recursive: true });
    }
  }
  return ws;
}

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const NPM_RECORDS = join(FIXTURES, 'osv-npm');
