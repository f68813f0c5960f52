import type { HttpContext } from '../../net/http-json';
import { field, str } from '../json';
import type { Limiter } from '../limit';
import type { ProvenanceCache } from '../types';
import { openNote, type NoteVerifier } from './signed-note';
import { getBytes } from './sumdb-http';
import { consistent, readTreeHashes, recordHash, storedHashIndex, tilePath, type Tile, type TileReader } from './tlog';
import { GO_SUMDB_ORIGIN, parseRecord, parseTreeNote, type TreeHead } from './tree-note';

/**
 * A client of one checksum database (golang.org/x/mod/sumdb's protocol): the signed tree head
 * (`/latest`), records (`/lookup/<module>@<version>`) and hash tiles (`/tile/8/<L>/<N>[.p/<W>]`).
 * Every tree head must be signed by the configured key and consistent with the last one verified,
 * which the store keeps across runs: a head that is not is a fork, what a log showing different
 * histories to different users looks like. Full tiles and proven records are cached in the store.
 */

const TILE_HEIGHT = 8;
const KIND = { head: 'go-sumdb-tree', tile: 'go-sumdb-tile', record: 'go-sumdb-record' } as const;
const YEAR = 365 * 24 * 60 * 60 * 1000;

export type Failure = { ok: false; kind: 'unavailable' | 'not-found' | 'invalid' | 'fork'; reason: string };
export type HeadOutcome = { ok: true; tree: TreeHead } | Failure;
/** The record's hashes: `''` for the module zip, `/go.mod` for its go.mod. */
export type RecordOutcome = { ok: true; id: number; hashes: Map<string, string>; tree: TreeHead } | Failure;

export interface SumdbClientOptions {
  http: HttpContext;
  limit: Limiter;
  timeoutMs: number;
  signal?: AbortSignal;
  cache?: ProvenanceCache;
}

class TileUnavailable extends Error {}

export class SumdbClient {
  private head: Promise<HeadOutcome> | undefined;
  private readonly adopted = new Map<string, Promise<HeadOutcome>>();
  private readonly sessionTiles = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly url: string,
    private readonly verifier: NoteVerifier,
    private readonly options: SumdbClientOptions,
  ) {}

  /** The latest tree head, verified and consistent with the stored one (checked once per session). */
  latest(): Promise<HeadOutcome> {
    this.head ??= (async (): Promise<HeadOutcome> => {
      const got = await this.get('latest');
      if (!got.ok) return got;
      const tree = this.openTree(got.body);
      return tree.ok ? this.adopt(tree.tree) : tree;
    })();
    return this.head;
  }

  /** The database's record for module@version (version with its `v`), proven included in a verified tree. */
  async lookup(module: string, version: string): Promise<RecordOutcome> {
    const head = await this.latest();
    if (!head.ok) return head;
    const cacheKey = `${this.verifier.name} ${module}@${version}`;
    const cached = await this.cacheGet(KIND.record, cacheKey);
    const cachedText = str(field(cached, 'text'));
    const cachedId = field(cached, 'id');
    if (cachedText !== undefined && typeof cachedId === 'number') return { ok: true, id: cachedId, hashes: recordHashes(cachedText, module, version), tree: head.tree };
    const got = await this.get(`lookup/${escapePath(module)}@${escapePath(version)}`);
    if (!got.ok) return got;
    const record = parseRecord(got.body);
    if (!record.ok) return { ok: false, kind: 'invalid', reason: `the checksum database's answer for ${module}@${version} is malformed: ${record.reason}` };
    const opened = this.openTree(record.rest);
    if (!opened.ok) return opened;
    const tree = await this.adopt(opened.tree);
    if (!tree.ok) return tree;
    if (record.id >= opened.tree.n) return { ok: false, kind: 'invalid', reason: `record ${record.id} of ${module}@${version} is not in the tree of ${opened.tree.n} records the database signed` };
    try {
      const [leaf] = await this.proven((read) => readTreeHashes(opened.tree, TILE_HEIGHT, [storedHashIndex(0, record.id)], read));
      if (!leaf!.equals(recordHash(record.text))) return { ok: false, kind: 'invalid', reason: `the checksum database's record for ${module}@${version} is not the one its log holds` };
    } catch (err) {
      return this.tileFailure(err);
    }
    const text = record.text.toString('utf8');
    await this.cacheSet(KIND.record, cacheKey, { id: record.id, text }, YEAR);
    return { ok: true, id: record.id, hashes: recordHashes(text, module, version), tree: opened.tree };
  }

  private openTree(note: Buffer): { ok: true; tree: TreeHead } | Failure {
    const opened = openNote(note, this.verifier);
    if (!opened.ok) return { ok: false, kind: 'invalid', reason: `the checksum database's tree head is not signed by ${this.verifier.name}: ${opened.reason}` };
    const tree = parseTreeNote(opened.text, GO_SUMDB_ORIGIN);
    return tree.ok ? tree : { ok: false, kind: 'invalid', reason: `the checksum database's tree head is malformed: ${tree.reason}` };
  }

  /** Checks `tree` against the last verified head (the store's, then this session's) and keeps the newer. */
  private adopt(tree: TreeHead): Promise<HeadOutcome> {
    const id = `${tree.n} ${tree.hash.toString('base64')}`;
    let pending = this.adopted.get(id);
    if (!pending) {
      pending = (async (): Promise<HeadOutcome> => {
        const stored = readHead(await this.cacheGet(KIND.head, this.verifier.name));
        if (!stored) {
          await this.cacheSet(KIND.head, this.verifier.name, writeHead(tree), 10 * YEAR);
          return { ok: true, tree };
        }
        try {
          if (!(await this.proven((read) => consistent(stored, tree, TILE_HEIGHT, read)))) {
            return { ok: false, kind: 'fork', reason: `the checksum database's tree head (${tree.n} records) forks from the one verified before (${stored.n} records): it shows a different history` };
          }
        } catch (err) {
          return this.tileFailure(err);
        }
        if (tree.n > stored.n) await this.cacheSet(KIND.head, this.verifier.name, writeHead(tree), 10 * YEAR);
        return { ok: true, tree };
      })();
      this.adopted.set(id, pending);
    }
    return pending;
  }

  private tileFailure(err: unknown): Failure {
    const reason = err instanceof Error ? err.message : String(err);
    return err instanceof TileUnavailable ? { ok: false, kind: 'unavailable', reason } : { ok: false, kind: 'invalid', reason: `the checksum database's proof does not hold: ${reason}` };
  }

  /**
   * Runs a proof over tiles; the full tiles it fetched are stored only when it held, so what the
   * store keeps has been authenticated against a signed tree head (full tiles never change).
   */
  private async proven<T>(run: (read: TileReader) => Promise<T>): Promise<T> {
    const fetched = new Map<string, Buffer>();
    const result = await run((tiles) => Promise.all(tiles.map((t) => this.tile(t, fetched))));
    if (result !== false) for (const [key, body] of fetched) await this.cacheSet(KIND.tile, key, body.toString('base64'), YEAR);
    return result;
  }

  private async tile(t: Tile, fetched: Map<string, Buffer>): Promise<Buffer> {
    const path = tilePath(t, 'go');
    const full = t.w === 2 ** t.h;
    const cacheKey = `${this.verifier.name} ${path}`;
    if (full) {
      const cached = str(await this.cacheGet(KIND.tile, cacheKey));
      if (cached) return Buffer.from(cached, 'base64');
    }
    let pending = this.sessionTiles.get(path);
    if (!pending) {
      pending = this.get(path).then((got) => {
        if (!got.ok) throw new TileUnavailable(got.reason);
        return got.body;
      });
      this.sessionTiles.set(path, pending);
    }
    const body = await pending;
    if (full && body.length === 2 ** t.h * 32) fetched.set(cacheKey, body);
    return body;
  }

  private async get(path: string): Promise<{ ok: true; body: Buffer } | Failure> {
    const url = `${this.url}/${path}`;
    const got = await this.options.limit(() => getBytes(this.options.http, url, this.options.timeoutMs, this.options.signal));
    if (got.ok) return got;
    if (got.status === 404 || got.status === 410) return { ok: false, kind: 'not-found', reason: `${url}: not in the checksum database` };
    return { ok: false, kind: 'unavailable', reason: got.reason };
  }

  private async cacheGet(kind: string, key: string): Promise<unknown> {
    try {
      return await this.options.cache?.get(kind, key);
    } catch {
      return undefined;
    }
  }

  private async cacheSet(kind: string, key: string, value: unknown, ttlMs: number): Promise<void> {
    try {
      await this.options.cache?.set(kind, key, value, ttlMs);
    } catch {
      // A cache that cannot write costs a refetch (and, for the tree head, the fork check of next run).
    }
  }
}

/** The `h1:` hashes a record gives module@version: `''` for the zip, `/go.mod` for its go.mod. */
function recordHashes(text: string, module: string, version: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [m, v, hash] = line.split(' ');
    if (m !== module || !hash) continue;
    if (v === version) out.set('', hash);
    else if (v === `${version}/go.mod`) out.set('/go.mod', hash);
  }
  return out;
}

function readHead(value: unknown): TreeHead | undefined {
  const n = field(value, 'n');
  const hash = Buffer.from(str(field(value, 'hash')) ?? '', 'base64');
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && hash.length === 32 ? { n, hash } : undefined;
}

function writeHead(tree: TreeHead): unknown {
  return { n: tree.n, hash: tree.hash.toString('base64') };
}

/** golang.org/x/mod/module's EscapePath/EscapeVersion: an upper-case letter becomes `!` and its lower case. */
export function escapePath(path: string): string {
  return path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`).split('/').map(encodeURIComponent).join('/').replace(/%21/g, '!');
}
