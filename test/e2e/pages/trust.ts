import type { Page } from 'playwright-core';
import { SEL } from './selectors';

const RESTRICTED = '[id="workbench.parts.statusbar"] .statusbar-item:has-text("Restricted Mode")';

export async function isRestricted(page: Page): Promise<boolean> {
  return page.locator(RESTRICTED).first().isVisible();
}

export async function waitForRestricted(page: Page, timeoutMs = 15_000): Promise<void> {
  await page.locator(RESTRICTED).first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/**
 * Trusts the workspace as a user does: the Restricted Mode status item opens the Workspace Trust editor,
 * whose "Trust" button grants it; extensions that waited for trust then activate without a reload.
 */
export async function trustWorkspace(page: Page, timeoutMs = 15_000): Promise<void> {
  await page.locator(RESTRICTED).first().click();
  const trustEditor = page.locator('.workspace-trust-editor');
  await trustEditor.waitFor({ state: 'visible', timeout: timeoutMs });
  await trustEditor.getByRole('button', { name: 'Trust', exact: true }).first().click();
  await page.locator(RESTRICTED).first().waitFor({ state: 'hidden', timeout: timeoutMs });
  await page.locator(SEL.workbench).waitFor({ state: 'visible' });
}
