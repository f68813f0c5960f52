import type { ExtensionContext } from 'vscode';
import { ChainsightClient } from './client';
import { registerCommands } from './commands';
import { SupplyChainTree } from './supply-chain/tree';

let client: ChainsightClient | undefined;

/** Activation only: start the language server and register commands. Everything else lives elsewhere. */
export async function activate(context: ExtensionContext): Promise<void> {
  client = new ChainsightClient(context);
  registerCommands(context, client, SupplyChainTree.register(context, client));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
