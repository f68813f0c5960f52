import { SupplyChainGraph } from '../graph/graph-store';
import { type EditorGraphStore, openEditorGraphStore } from '../store/editor-graph-store';
import type { DataResources } from './data-resources';

/**
 * The graph the editor's questions read (the hover's "Across your store", the Supply Chain view, the
 * query request): the team store `chainsight.store.url` names — opened once per URL, never migrated,
 * falling back to the embedded store with a notice when it cannot be reached — else the embedded
 * store. The editor's own recordings and imports stay in the embedded store, so a reader role is
 * all an editor needs (docs/team.md).
 */
export class QueryGraph {
  private opened: { url: string; store: Promise<EditorGraphStore> } | undefined;

  constructor(
    private readonly resources: DataResources,
    private readonly notify: (message: string) => void,
  ) {}

  async graph(url: string): Promise<SupplyChainGraph> {
    const wanted = url.trim();
    if (!wanted) return new SupplyChainGraph((await this.resources.store()).sqlExecutor());
    if (this.opened?.url !== wanted) {
      const previous = this.opened;
      const store = openEditorGraphStore(wanted, () => this.resources.store()).then((opened) => {
        if (opened.notice) this.notify(opened.notice);
        return opened;
      });
      this.opened = { url: wanted, store };
      void previous?.store.then((p) => p.store.close()).catch(() => undefined);
    }
    return (await this.opened.store).store.graph;
  }

  async dispose(): Promise<void> {
    await this.opened?.store.then((p) => p.store.close()).catch(() => undefined);
  }
}
