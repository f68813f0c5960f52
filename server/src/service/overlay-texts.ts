import { DependencyFileReader, type FileRead, type ReadPolicy, type TextSource } from '../analysis/file-reader';

/**
 * File text as the user sees it: the editor buffer for open documents (unsaved edits included),
 * the disk for everything else. Both go through the same rules (size, regular files, includes
 * inside the workspace folders), so a buffer is not a way around them.
 */
export class OverlayTexts implements TextSource {
  private readonly open = new Map<string, string>();
  private readonly disk: DependencyFileReader;

  /** `policy` is asked on every read: the workspace folders and the limits from the settings. */
  constructor(policy: () => ReadPolicy) {
    this.disk = new DependencyFileReader(policy);
  }

  set(path: string, text: string): void {
    this.open.set(path, text);
  }

  close(path: string): void {
    this.open.delete(path);
  }

  isOpen(path: string): boolean {
    return this.open.has(path);
  }

  read(path: string, includedFrom?: string): FileRead {
    const text = this.open.get(path);
    return text !== undefined ? this.disk.checkText(path, text, includedFrom) : this.disk.read(path, includedFrom);
  }
}
