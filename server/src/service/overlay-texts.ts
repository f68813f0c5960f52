import { readFileSync } from 'node:fs';
import type { TextSource } from '../analysis/workspace-files';

/**
 * File text as the user sees it: the editor buffer for open documents (unsaved edits included),
 * the disk for everything else.
 */
export class OverlayTexts implements TextSource {
  private readonly open = new Map<string, string>();

  set(path: string, text: string): void {
    this.open.set(path, text);
  }

  close(path: string): void {
    this.open.delete(path);
  }

  isOpen(path: string): boolean {
    return this.open.has(path);
  }

  read(path: string): string | undefined {
    const text = this.open.get(path);
    if (text !== undefined) return text;
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }
}
