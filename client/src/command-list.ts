/**
 * THE list of commands: ids, titles and where they show. Plain data (no `vscode` import) so a test can
 * check it against package.json's contributions; `commands.ts` maps each id to its handler.
 */
export const CATEGORY = 'Chainsight';

export const COMMAND_LIST = [
  { id: 'chainsight.scanWorkspace', title: 'Scan Workspace', palette: true, requiresTrust: false },
  { id: 'chainsight.showReport', title: 'Show Report', palette: true, requiresTrust: false },
  { id: 'chainsight.exportReport', title: 'Export Report…', palette: true, requiresTrust: false },
  { id: 'chainsight.restartServer', title: 'Restart Server', palette: true, requiresTrust: false },
  { id: 'chainsight.updateLockfile', title: 'Update Lockfile', palette: true, requiresTrust: true },
  { id: 'chainsight.verifySignatures', title: 'Verify Signatures & Provenance', palette: true, requiresTrust: false },
  { id: 'chainsight.downloadOfflineDatabase', title: 'Download Offline Database', palette: true, requiresTrust: false },
  // Kept in SecretStorage under the store's redacted URL: no repository setting can read it.
  { id: 'chainsight.setStorePassword', title: 'Set Team Store Password…', palette: true, requiresTrust: false },
  { id: 'chainsight.runFixCommand', title: 'Run Fix Command', palette: false, requiresTrust: true },
  // Explicit on purpose: documents lying in a workspace are never ingested on their own.
  { id: 'chainsight.importDocuments', title: 'Import SBOM, VEX or Attestation…', palette: true, requiresTrust: false, icon: '$(cloud-upload)' },
  { id: 'chainsight.searchSupplyChain', title: 'Search Supply Chain…', palette: true, requiresTrust: false, icon: '$(search)' },
  { id: 'chainsight.clearSupplyChainSearch', title: 'Clear Supply Chain Search', palette: false, requiresTrust: false, icon: '$(clear-all)' },
  { id: 'chainsight.refreshSupplyChain', title: 'Refresh Supply Chain', palette: false, requiresTrust: false, icon: '$(refresh)' },
  { id: 'chainsight.openSupplyChainItem', title: 'Open Dependency', palette: false, requiresTrust: false },
  // Writes a VEX statement (a file edit the user sees and can undo): no trust needed.
  { id: 'chainsight.triage', title: 'Triage a Vulnerability…', palette: false, requiresTrust: false },
] as const;

export type CommandId = (typeof COMMAND_LIST)[number]['id'];
