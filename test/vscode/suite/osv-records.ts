import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { workspaceFolder } from './workspace';

/** What a test needs to know about one advisory of the workspace's own OSV data. */
export interface Advisory {
  id: string;
  aliases: string[];
  /** Every `fixed` event for the package, in record order. */
  fixed: string[];
}

interface OsvRecord {
  id: string;
  aliases?: string[];
  affected?: Array<{ package?: { ecosystem?: string; name?: string }; ranges?: Array<{ events?: Array<{ fixed?: string }> }> }>;
}

/**
 * The advisories for an npm package in the folder `chainsight.osv.offlineData` points at: expected
 * values come from the same data the extension reads, not from copies in the test.
 */
export function advisoriesFor(name: string): Advisory[] {
  const setting = vscode.workspace.getConfiguration('chainsight', workspaceFolder().uri).get<string>('osv.offlineData', '');
  if (!setting) throw new Error('the workspace does not set chainsight.osv.offlineData');
  const dir = isAbsolute(setting) ? setting : join(workspaceFolder().uri.fsPath, setting);
  if (!statSync(dir).isDirectory()) throw new Error(`${dir}: these tests read a folder of OSV records, not a zip`);
  const found: Advisory[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as OsvRecord;
    const affected = (record.affected ?? []).filter((a) => a.package?.ecosystem === 'npm' && a.package.name === name);
    if (affected.length === 0) continue;
    const fixed = affected.flatMap((a) => (a.ranges ?? []).flatMap((r) => (r.events ?? []).flatMap((e) => (e.fixed ? [e.fixed] : []))));
    found.push({ id: record.id, aliases: record.aliases ?? [], fixed });
  }
  return found;
}
