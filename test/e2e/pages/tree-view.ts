import type { Page } from 'playwright-core';
import { until } from '../lib/wait';
import type { DomNode } from './dom';

/** A row of a tree view in the side bar: its label and its description, as shown. */
export interface TreeRow {
  label: string;
  description: string;
}

const SIDEBAR_ROWS = '[id="workbench.parts.sidebar"] .monaco-list-row';

/** Rows of the trees in the side bar, top to bottom (only those rendered: the view is virtualised). */
export function treeRows(page: Page): Promise<TreeRow[]> {
  return page
    .locator(SIDEBAR_ROWS)
    .evaluateAll((rows: DomNode[]) =>
      rows.map((r) => ({ label: (r.querySelector('.label-name')?.textContent ?? '').trim(), description: (r.querySelector('.label-description')?.textContent ?? '').trim() })),
    );
}

/** Waits until the side bar's rows satisfy `accept`; fails listing the rows it saw. */
export function waitForTreeRows(page: Page, what: string, accept: (rows: TreeRow[]) => boolean, timeoutMs?: number): Promise<TreeRow[]> {
  return until(
    `tree rows: ${what}`,
    async () => {
      const rows = await treeRows(page);
      return accept(rows) ? rows : undefined;
    },
    async () => JSON.stringify(await treeRows(page)),
    { timeoutMs },
  );
}

/** Clicks the side bar row whose label is `label` (expands it, or runs its command). */
export async function clickTreeRow(page: Page, label: string, timeoutMs = 15_000): Promise<void> {
  const row = page.locator(SIDEBAR_ROWS).filter({ has: page.locator('.label-name', { hasText: label }) }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
}
