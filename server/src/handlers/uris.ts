import { URI } from 'vscode-uri';

/**
 * Paths are the engine's currency, URIs the protocol's. Documents keep the exact URI string the
 * client sent, so diagnostics land on the same document even where encodings differ.
 */
export class UriMap {
  private readonly known = new Map<string, string>();

  toPath(uri: string): string | undefined {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return undefined;
    const path = parsed.fsPath;
    this.known.set(path, uri);
    return path;
  }

  toUri(path: string): string {
    return this.known.get(path) ?? URI.file(path).toString();
  }
}
