import { type Event, EventEmitter, type ExtensionContext, Position, Range, Selection, ThemeIcon, type TreeDataProvider, TreeItem, TreeItemCollapsibleState, Uri, window, commands, workspace } from 'vscode';
import type { ProjectResult, VulnResult, WhoUsesResult } from '../../../server/src/graph/answers';
import { type StoreOverview, storeLocateRequest, storeOverviewRequest, storeQueryRequest } from '../../../server/src/protocol';
import type { ChainsightClient } from '../client';
import { isAdvisoryId, type OpenTarget, packageNodes, plain, projectNodes, searchNodes, type ViewNode } from './nodes';

export const SUPPLY_CHAIN_VIEW = 'chainsight.supplyChain';
const SEARCH_CONTEXT = 'chainsight.supplyChainSearch';

/**
 * The Supply Chain view in the activity bar: the store's projects → packages → findings and
 * provenance, or the results of a search by package or advisory. Refreshed when the server says
 * the store changed; every answer comes from the server's store requests.
 */
export class SupplyChainTree implements TreeDataProvider<ViewNode> {
  private readonly changed = new EventEmitter<ViewNode | undefined>();
  readonly onDidChangeTreeData: Event<ViewNode | undefined> = this.changed.event;
  private overview: StoreOverview | undefined;
  private search: { term: string; nodes: ViewNode[] } | undefined;

  constructor(private readonly client: ChainsightClient) {}

  static register(context: ExtensionContext, client: ChainsightClient): SupplyChainTree {
    const tree = new SupplyChainTree(client);
    const view = window.createTreeView(SUPPLY_CHAIN_VIEW, { treeDataProvider: tree, showCollapseAll: true });
    context.subscriptions.push(view, tree.changed, client.onStoreChanged(() => tree.refresh()));
    return tree;
  }

  refresh(): void {
    this.overview = undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(node: ViewNode): TreeItem {
    const state = node.expanded ? TreeItemCollapsibleState.Expanded : node.expand || node.children?.length ? TreeItemCollapsibleState.Collapsed : TreeItemCollapsibleState.None;
    const item = new TreeItem(node.label, state);
    item.id = node.id;
    if (node.description) item.description = node.description;
    if (node.tooltip) item.tooltip = node.tooltip;
    if (node.icon) item.iconPath = new ThemeIcon(node.icon);
    if (node.contextValue) item.contextValue = node.contextValue;
    if (node.open) item.command = { command: 'chainsight.openSupplyChainItem', title: 'Open Dependency', arguments: [node.open] };
    return item;
  }

  async getChildren(node?: ViewNode): Promise<ViewNode[]> {
    try {
      if (node?.children) return node.children;
      if (node?.expand) return await this.packagesOf(node.expand.project);
      if (node) return [];
      if (this.search) return this.search.nodes;
      this.overview ??= await this.client.request(storeOverviewRequest);
      // An empty store shows the view's welcome text (package.json viewsWelcome).
      return projectNodes(this.overview);
    } catch (err) {
      return [{ id: 'error', label: `Could not read the store: ${plain((err as Error).message)}`, icon: 'error' }];
    }
  }

  private async packagesOf(project: StoreOverview['projects'][number]): Promise<ViewNode[]> {
    const answer = await this.client.request(storeQueryRequest, { question: 'project', project: project.name });
    const [result] = answer.results as ProjectResult[];
    return result ? packageNodes(project, result) : [];
  }

  /** Asks for a package (name, name@range or purl) or an advisory id, and lists where it is. */
  async searchFor(term?: string): Promise<void> {
    const asked = term ?? (await window.showInputBox({ title: 'Search Supply Chain', prompt: 'A package (lodash, lodash@<4.17.21, pkg:npm/lodash) or an advisory (GHSA-…, CVE-…)', ignoreFocusOut: true }));
    if (!asked?.trim()) return;
    const wanted = asked.trim();
    try {
      const answer = await this.client.request(storeQueryRequest, isAdvisoryId(wanted) ? { question: 'vuln', id: wanted } : { question: 'who-uses', package: wanted });
      this.overview ??= await this.client.request(storeOverviewRequest);
      const results = searchNodes(wanted, answer as { results: Array<WhoUsesResult | VulnResult> }, this.overview.projects);
      this.search = { term: wanted, nodes: [{ id: 'search', label: `Results for "${plain(wanted, 80)}"`, description: `${answer.results.length}`, icon: 'search', children: results, expanded: true }] };
    } catch (err) {
      this.search = { term: wanted, nodes: [{ id: 'search:error', label: plain((err as Error).message), icon: 'error' }] };
    }
    await commands.executeCommand('setContext', SEARCH_CONTEXT, true);
    this.changed.fire(undefined);
  }

  async clearSearch(): Promise<void> {
    this.search = undefined;
    await commands.executeCommand('setContext', SEARCH_CONTEXT, false);
    this.changed.fire(undefined);
  }

  /** Opens the file where a workspace project declares the package, at its line. */
  async open(target: OpenTarget | undefined): Promise<void> {
    if (!target || typeof target.path !== 'string' || typeof target.name !== 'string') return;
    const location = await this.client.request(storeLocateRequest, target);
    if (!location) return void window.showInformationMessage(`Chainsight: ${plain(target.name)} is no longer declared in ${plain(target.path)}.`);
    const uri = Uri.parse(location.uri);
    if (uri.scheme !== 'file') return;
    const editor = await window.showTextDocument(await workspace.openTextDocument(uri));
    const at = new Position(location.line, location.character);
    editor.selection = new Selection(at, at);
    editor.revealRange(new Range(at, at));
  }
}
