import type { Connection } from 'vscode-languageserver/node';
import { MarkupKind } from 'vscode-languageserver/node';
import type { WorkspaceService } from '../service/workspace-service';
import type { UriMap } from './uris';

export function registerHover(connection: Connection, service: WorkspaceService, uris: UriMap): void {
  connection.onHover((params) => {
    try {
      const path = uris.toPath(params.textDocument.uri);
      if (!path) return null;
      const value = service.hover(path, params.position);
      return value ? { contents: { kind: MarkupKind.Markdown, value } } : null;
    } catch (err) {
      connection.console.error(`hover failed: ${(err as Error).stack ?? err}`);
      return null;
    }
  });
}
