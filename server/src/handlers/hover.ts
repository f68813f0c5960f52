import type { Connection } from 'vscode-languageserver/node';
import { MarkupKind } from 'vscode-languageserver/node';
import type { WorkspaceService } from '../service/workspace-service';
import type { UriMap } from './uris';

export function registerHover(connection: Connection, service: WorkspaceService, uris: UriMap): void {
  connection.onHover(async (params) => {
    try {
      const path = uris.toPath(params.textDocument.uri);
      if (!path) return null;
      const value = service.hover(path, params.position);
      if (!value) return null;
      // The store answers within its own time limit, or the section becomes a note: never a lost hover.
      const store = await service.storeHover(path, params.position).catch(() => undefined);
      return { contents: { kind: MarkupKind.Markdown, value: store ? `${value}\n\n${store}` : value } };
    } catch (err) {
      connection.console.error(`hover failed: ${(err as Error).stack ?? err}`);
      return null;
    }
  });
}
