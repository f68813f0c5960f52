import { readFileSync } from 'node:fs';
import { fileUri, LspTestClient } from './lsp-client';
import { tempWorkspace, type TempWorkspace } from './temp-workspace';

/** Fixture workspaces carry their OSV records in `osv/`: no network, same answers every run. */
export const OFFLINE_OSV_SETTINGS = { osv: { offlineData: './osv' } };

export interface FixtureServer {
  /** The server's client; usable from the suite's `before` on. */
  client: LspTestClient;
  /** The temp copy of the fixture; usable from the suite's `before` on. */
  ws: TempWorkspace;
  uri(relative: string): string;
  read(relative: string): string;
}

/**
 * The setup every per-ecosystem protocol suite shares. Call it in a `describe`: its `before` copies
 * the fixture (a folder, or a tempWorkspace table) to a temp folder, starts the real server on it,
 * waits for `ready` and opens one file; its `after` stops the server and removes the folder.
 *
 * Suites name `client` and `ws` when they are declared, before `before` has run, so those two are
 * stand-ins that reach the current server and workspace when used.
 */
export function serveFixture(fixture: string | Parameters<typeof tempWorkspace>[0], open: { path: string; languageId: string }, settings: Record<string, unknown> = OFFLINE_OSV_SETTINGS): FixtureServer {
  let current: { client: LspTestClient; ws: TempWorkspace } | undefined;
  const started = () => {
    if (!current) throw new Error('the fixture server is used before its suite started it');
    return current;
  };
  const ws = lateBound(() => started().ws);
  const uri = (relative: string) => fileUri(ws.path(relative));
  const read = (relative: string) => readFileSync(ws.path(relative), 'utf8');

  before(async () => {
    const workspace = tempWorkspace(typeof fixture === 'string' ? { '.': { copyFrom: fixture } } : fixture);
    current = { ws: workspace, client: await LspTestClient.start(workspace.root, settings) };
    await current.client.waitForStatus((s) => s.state === 'ready');
    await current.client.open(uri(open.path), read(open.path), open.languageId);
  });

  after(async () => {
    await current?.client.stop();
    current?.ws.dispose();
    current = undefined;
  });

  return { client: lateBound(() => started().client), ws, uri, read };
}

/** An object that forwards every property (methods bound) to what `target` returns at the time. */
function lateBound<T extends object>(target: () => T): T {
  return new Proxy({} as T, {
    get(_, key) {
      const object = target();
      const value: unknown = Reflect.get(object, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}
