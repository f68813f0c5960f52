import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as yazl from 'yazl';
import type { OsvRecord } from '../../server/src/osv/types';
import { listenOnLoopback } from './loopback-listener';

/**
 * A real OSV-compatible HTTP server on 127.0.0.1 for tests: `POST /v1/querybatch` (package queries
 * without a version, paginated), `GET /v1/vulns/:id`, and `GET /:ecosystem/all.zip` (built on the fly,
 * with Range support). Faults are injected per route, in order, a given number of times.
 */
export type Route = 'querybatch' | 'vulns' | 'zip';

export type Fault =
  | { route: Route; kind: 'status'; status: number; retryAfter?: string; times?: number }
  | { route: Route; kind: 'reset'; times?: number }
  /** Headers promise the whole body; half of it is sent, then the connection is cut. */
  | { route: Route; kind: 'truncate'; times?: number }
  | { route: Route; kind: 'malformed'; times?: number }
  /** Valid JSON of the wrong shape. */
  | { route: Route; kind: 'unexpected'; times?: number }
  | { route: Route; kind: 'content-type'; times?: number }
  | { route: Route; kind: 'delay'; delayMs: number; times?: number }
  /** Never answers; the server emits `hang` so a test can act while the request is in flight. */
  | { route: Route; kind: 'hang'; times?: number }
  /** Answers 200 with JSON headers, then one byte of the body every `intervalMs`, never finishing. */
  | { route: Route; kind: 'drip'; intervalMs: number; times?: number };

export interface LoggedRequest {
  method: string;
  path: string;
  route: Route | 'other';
  /** Queries in a querybatch request. */
  queries?: number;
  pageTokens?: number;
  range?: string;
  fault?: Fault['kind'];
}

export interface OsvServerOptions {
  records?: OsvRecord[];
  /** Folders of record files, searched recursively; unparsable files are skipped. */
  recordsDir?: string | string[];
  /** Most vulns per query per page (default 1,000). */
  pageSize?: number;
  faults?: Fault[];
}

export interface OsvServer {
  url: string;
  requests: LoggedRequest[];
  /** `request` (LoggedRequest) and `hang` (LoggedRequest) events. */
  events: EventEmitter;
  setFaults(faults: Fault[]): void;
  count(route: Route): number;
  clearLog(): void;
  records: OsvRecord[];
  close(): Promise<void>;
}

export async function startOsvServer(options: OsvServerOptions = {}): Promise<OsvServer> {
  const records = [...(options.records ?? []), ...readRecordDirs(options.recordsDir)];
  const byId = new Map(records.map((r) => [r.id, r]));
  const byPackage = indexByPackage(records);
  const pageSize = options.pageSize ?? 1000;
  const zips = new Map<string, { data: Buffer; etag: string }>();
  let faults = (options.faults ?? []).map((f) => ({ ...f, left: f.times ?? Infinity }));
  const requests: LoggedRequest[] = [];
  const events = new EventEmitter();

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route: Route | 'other' = req.method === 'POST' && url.pathname === '/v1/querybatch' ? 'querybatch' : url.pathname.startsWith('/v1/vulns/') ? 'vulns' : url.pathname.endsWith('/all.zip') ? 'zip' : 'other';
    const body = req.method === 'POST' ? await readBody(req) : '';
    const log: LoggedRequest = { method: req.method ?? '', path: url.pathname, route };
    if (typeof req.headers.range === 'string') log.range = req.headers.range;
    let parsed: { queries?: Array<{ package?: { ecosystem?: string; name?: string }; page_token?: string }> } | undefined;
    if (route === 'querybatch') {
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = undefined;
      }
      log.queries = parsed?.queries?.length ?? 0;
      log.pageTokens = parsed?.queries?.filter((q) => q.page_token).length ?? 0;
    }
    const fault = route === 'other' ? undefined : faults.find((f) => f.route === route && f.left > 0);
    if (fault) {
      fault.left--;
      log.fault = fault.kind;
    }
    requests.push(log);
    events.emit('request', log);

    const respond = () => {
      if (route === 'querybatch') {
        if (!parsed || !Array.isArray(parsed.queries)) return sendJson(res, 400, { code: 3, message: 'bad request' });
        if (parsed.queries.length > 1000) return sendJson(res, 400, { code: 3, message: 'too many queries' });
        return sendJson(res, 200, { results: parsed.queries.map((q) => answerQuery(byPackage, q, pageSize)) });
      }
      if (route === 'vulns') {
        const record = byId.get(decodeURIComponent(url.pathname.slice('/v1/vulns/'.length)));
        return record ? sendJson(res, 200, record) : sendJson(res, 404, { code: 5, message: 'Bug not found.' });
      }
      if (route === 'zip') {
        const ecosystem = decodeURIComponent(url.pathname.split('/').filter(Boolean)[0] ?? '');
        return zipFor(ecosystem).then((zip) => sendRange(req, res, zip));
      }
      sendJson(res, 404, { message: 'not found' });
    };

    if (!fault) return void respond();
    switch (fault.kind) {
      case 'status':
        res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}) });
        return void res.end(JSON.stringify({ code: 14, message: 'injected' }));
      case 'reset':
        return void req.socket.destroy();
      case 'truncate': {
        const full = route === 'zip' ? (await zipFor(decodeURIComponent(url.pathname.split('/').filter(Boolean)[0] ?? ''))).data : Buffer.from(JSON.stringify(route === 'vulns' ? byId.get(decodeURIComponent(url.pathname.slice(10))) ?? {} : { results: [] }));
        res.writeHead(200, { 'content-type': route === 'zip' ? 'application/zip' : 'application/json', 'content-length': String(full.length), ...(route === 'zip' ? { etag: etagOf(full), 'accept-ranges': 'bytes' } : {}) });
        res.write(full.subarray(0, Math.floor(full.length / 2)), () => req.socket.destroy());
        return;
      }
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('{"results": [{"vulns": [{"id": "GHSA-');
      case 'unexpected':
        return sendJson(res, 200, { results: 'not a list', vulns: 42 });
      case 'content-type':
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<html><body>Please log in to the captive portal</body></html>');
      case 'delay':
        return void setTimeout(respond, fault.delayMs);
      case 'hang':
        events.emit('hang', log);
        return;
      case 'drip': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const drip = setInterval(() => res.write(' '), fault.intervalMs);
        res.on('close', () => clearInterval(drip));
        return;
      }
    }
  });
  const listener = await listenOnLoopback(server);

  async function zipFor(ecosystem: string): Promise<{ data: Buffer; etag: string }> {
    let zip = zips.get(ecosystem);
    if (!zip) {
      const data = await buildZip(records.filter((r) => (r.affected ?? []).some((a) => a.package?.ecosystem === ecosystem)));
      zip = { data, etag: etagOf(data) };
      zips.set(ecosystem, zip);
    }
    return zip;
  }

  return {
    url: listener.url,
    requests,
    events,
    records,
    setFaults(next) {
      faults = next.map((f) => ({ ...f, left: f.times ?? Infinity }));
    },
    count: (route) => requests.filter((r) => r.route === route).length,
    clearLog: () => void requests.splice(0),
    close: () => listener.close(),
  };
}

/** Builds an OSV-style export zip: one `<ID>.json` per record, pretty-printed as osv.dev does. */
export function buildZip(records: readonly OsvRecord[], extra: Array<{ name: string; text: string }> = []): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const record of [...records].sort((a, b) => a.id.localeCompare(b.id))) zip.addBuffer(Buffer.from(JSON.stringify(record, null, 2)), `${record.id}.json`, { mtime: new Date(0) });
  for (const file of extra) zip.addBuffer(Buffer.from(file.text), file.name, { mtime: new Date(0) });
  return finished(zip);
}

/**
 * A zip bomb shaped like an OSV export: `entries` record files of `entryBytes` zeros each (a few kB
 * compressed), streamed into the zip, never held in memory whole. yazl writes the true sizes.
 */
export function buildBomb(entryBytes: number, entries = 1): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (let i = 0; i < entries; i++) zip.addReadStream(zeros(entryBytes), `BOMB-${i}.json`, { mtime: new Date(0) });
  return finished(zip);
}

/** Ends the zip and collects its bytes. */
function finished(zip: yazl.ZipFile): Promise<Buffer> {
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

function zeros(total: number): Readable {
  const block = Buffer.alloc(64 * 1024);
  let left = total;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(left, block.length);
      left -= n;
      this.push(block.subarray(0, n));
    },
  });
}

/** Reads every parsable `*.json` record under the folders. */
export function readRecordDirs(dirs: string | string[] | undefined): OsvRecord[] {
  const out: OsvRecord[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.json')) {
        try {
          const value = JSON.parse(readFileSync(full, 'utf8')) as OsvRecord;
          if (typeof value?.id === 'string') out.push(value);
        } catch {
          // Deliberately malformed fixtures are not served.
        }
      }
    }
  };
  for (const dir of dirs === undefined ? [] : Array.isArray(dirs) ? dirs : [dirs]) walk(dir);
  return out;
}

/** osv.dev canonicalises PyPI names (PEP 503) when matching; so does this server. */
function packageIndexKey(ecosystem: string, name: string): string {
  return `${ecosystem}\u0000${ecosystem === 'PyPI' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name}`;
}

function indexByPackage(records: readonly OsvRecord[]): Map<string, OsvRecord[]> {
  const index = new Map<string, OsvRecord[]>();
  for (const record of records) {
    const keys = new Set((record.affected ?? []).filter((a) => a.package).map((a) => packageIndexKey(a.package!.ecosystem, a.package!.name)));
    for (const key of keys) index.set(key, [...(index.get(key) ?? []), record]);
  }
  for (const list of index.values()) list.sort((a, b) => a.id.localeCompare(b.id));
  return index;
}

function answerQuery(index: Map<string, OsvRecord[]>, query: { package?: { ecosystem?: string; name?: string }; page_token?: string }, pageSize: number): object {
  const all = index.get(packageIndexKey(query.package?.ecosystem ?? '', query.package?.name ?? '')) ?? [];
  const start = query.page_token ? Number(Buffer.from(query.page_token, 'base64url').toString()) : 0;
  const page = all.slice(start, start + pageSize);
  if (page.length === 0) return {};
  const more = start + pageSize < all.length;
  return { vulns: page.map((r) => ({ id: r.id, modified: r.modified })), ...(more ? { next_page_token: Buffer.from(String(start + pageSize)).toString('base64url') } : {}) };
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function sendRange(req: http.IncomingMessage, res: http.ServerResponse, zip: { data: Buffer; etag: string }): void {
  const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ''));
  const ifRange = req.headers['if-range'];
  const total = zip.data.length;
  if (range && (ifRange === undefined || ifRange === zip.etag)) {
    const start = Number(range[1]);
    const end = range[2] ? Math.min(Number(range[2]), total - 1) : total - 1;
    if (start >= total) {
      res.writeHead(416, { 'content-range': `bytes */${total}` });
      return void res.end();
    }
    res.writeHead(206, { 'content-type': 'application/zip', 'content-length': String(end - start + 1), 'content-range': `bytes ${start}-${end}/${total}`, etag: zip.etag, 'accept-ranges': 'bytes' });
    return void res.end(zip.data.subarray(start, end + 1));
  }
  res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(total), etag: zip.etag, 'accept-ranges': 'bytes' });
  res.end(zip.data);
}

function etagOf(data: Buffer): string {
  return `"${createHash('sha256').update(data).digest('hex').slice(0, 16)}"`;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}
