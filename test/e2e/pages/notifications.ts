import type { Page } from 'playwright-core';
import { until } from '../lib/wait';
import type { DomNode } from './dom';
import { SEL } from './selectors';

export interface Notification {
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/** All toasts, read in one call: they come and go on their own. */
function toasts(page: Page): Promise<Notification[]> {
  return page.locator(SEL.notification).evaluateAll((els: DomNode[]) =>
    els.map((toast) => {
      const icon = toast.querySelector('.notification-list-item-icon');
      const severity = icon?.classList.contains('codicon-error') ? 'error' : icon?.classList.contains('codicon-warning') ? 'warning' : 'info';
      return { severity, message: (toast.querySelector('.notification-list-item-message')?.textContent ?? '').trim() } as const;
    }),
  );
}

/** Waits for a notification toast (showErrorMessage & co.) that satisfies `accept`, and returns it. */
export function waitForNotification(page: Page, what: string, accept: (n: Notification) => boolean, timeoutMs?: number): Promise<Notification> {
  return until(
    `a notification: ${what}`,
    async () => (await toasts(page)).find(accept),
    async () => JSON.stringify(await toasts(page)),
    { timeoutMs },
  );
}
