import type { CliIO } from './io';
import { dbCommand, DB_USAGE } from './db-command';
import { inventoryCommand, INVENTORY_USAGE } from './inventory-command';
import { scanCommand, SCAN_USAGE } from './scan-command';
import { verifyCommand, VERIFY_USAGE } from './verify-command';
import { vexCommand, VEX_USAGE } from './vex-command';
import { ingestCommand, INGEST_USAGE } from './ingest-command';
import { queryCommand, QUERY_USAGE } from './query-command';
import { storeCommand, STORE_COMMAND_USAGE } from './store-command';
import { exportCommand, EXPORT_USAGE } from './export-command';

/** THE list of CLI commands. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

export const COMMANDS: readonly CliCommand[] = [
  { name: 'scan', summary: 'Find known vulnerabilities in the dependency files under a folder', usage: SCAN_USAGE, run: scanCommand },
  { name: 'inventory', summary: 'List every package in the dependency files under a folder, with positions', usage: INVENTORY_USAGE, run: inventoryCommand },
  { name: 'verify', summary: 'Check registry signatures and Sigstore provenance of locked npm packages', usage: VERIFY_USAGE, run: verifyCommand },
  { name: 'vex', summary: 'vex lint: VEX statements that match nothing any more, expired acceptances, statements to review', usage: VEX_USAGE, run: vexCommand },
  { name: 'db', summary: 'Download, import or inspect the offline vulnerability database', usage: DB_USAGE, run: dbCommand },
  { name: 'ingest', summary: 'Add SBOMs, VEX documents and attestations to the aggregated store', usage: INGEST_USAGE, run: ingestCommand },
  { name: 'query', summary: 'Ask the aggregated store: who-uses, vuln, project, provenance, diff', usage: QUERY_USAGE, run: queryCommand },
  { name: 'store', summary: 'What the aggregated store holds, and forgetting a project or document', usage: STORE_COMMAND_USAGE, run: storeCommand },
  { name: 'export', summary: 'Write the aggregated store as GUAC IngestPredicates JSON', usage: EXPORT_USAGE, run: exportCommand },
];
