import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { join } from 'node:path';
import type { Tools } from '../tools';

/**
 * Flags from E2E.md: without the background-networking ones chromium tries to reach Google's hosts at
 * every start. `--headless` and `--no-sandbox` are added by playwright (headless, chromiumSandbox: false).
 */
const CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface LaunchedBrowser {
  context: BrowserContext;
  page: Page;
}

/**
 * Chromium with a fresh profile in `userDataDir`; `marker` goes into its environment for process cleanup.
 * XDG_CONFIG_HOME points next to the profile: chromium's crash handler otherwise keeps its database in
 * ~/.config/chromium.
 */
export async function launchBrowser(tools: Tools, userDataDir: string, marker: [string, string]): Promise<LaunchedBrowser> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: tools.chromium,
    headless: true,
    chromiumSandbox: false,
    args: CHROMIUM_FLAGS,
    env: { ...process.env, [marker[0]]: marker[1], XDG_CONFIG_HOME: join(userDataDir, '..', 'chromium-xdg-config') },
    viewport: { width: 1440, height: 900 },
    // The settings helper pastes through the clipboard (typing JSON into Monaco auto-indents and auto-closes).
    permissions: ['clipboard-read', 'clipboard-write'],
    timeout: 60_000,
  });
  // tsx compiles with esbuild's keepNames, which wraps named functions inside our page.evaluate callbacks
  // in `__name(...)`; the page has no such helper, so give every frame (webviews too) a no-op one.
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}
