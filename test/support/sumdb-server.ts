import { createHash, createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * A Go checksum database on 127.0.0.1 speaking the sumdb protocol (`/latest`, `/lookup/<m>@<v>`,
 * `/tile/8/<L>/<N>[.p/<W>]`), whose log holds one record per module version of a real go.sum and
 * whose tree heads are signed with the test signer key golang/mod publishes in
 * `sumdb/client_test.go` (`localhost.localdev/sumdb`). The Merkle tree is computed here by the plain
 * RFC 6962 recursion, independently of the code under test. `fork` serves a history whose first
 * record differs (same key): what a log showing different users different histories looks like.
 */

const VECTORS: Record<string, { value: string }> = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'go-sumdb', 'golang-sumdb-test-vectors.DERIVED.json'), 'utf8')).vectors;
export const TEST_SUMDB_VERIFIER_KEY = VECTORS['sumdb.test_server.verifier_key']!.value;
const SIGNER_KEY = VECTORS['sumdb.test_server.signer_key']!.value;

export interface SumdbServerOptions {
  /** The go.sum whose lines the log records (one record per module version). */
  goSum: string;
  /** Filler records logged before the real ones, so that proofs cross tile levels. */
  padding?: number;
  fork?: boolean;
}

export interface SumdbServer {
  url: string;
  /** `GOSUMDB` value: `<verifier key> <url>`. */
  gosumdb: string;
  requests: string[];
  /** Records in the log. */
  size: number;
  close(): Promise<void>;
}

export async function startSumdbServer(options: SumdbServerOptions): Promise<SumdbServer> {
  const records = recordsOf(options.goSum, options.padding ?? 0);
  if (options.fork) records[0] = Buffer.from(`${records[0]!.toString('utf8')}example.com/forked v1.0.0 h1:${createHash('sha256').update('fork').digest('base64')}\n`);
  const tree = new MerkleTree(records.map((r) => leafHash(r)));
  const byModule = new Map<string, number>();
  records.forEach((r, id) => {
    const [module, version] = r.toString('utf8').split(' ');
    const key = `${module}@${version!.replace(/\/go\.mod$/, '')}`;
    if (!byModule.has(key)) byModule.set(key, id);
  });
  const note = signedTreeNote(records.length, tree.root());
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push(path);
    if (path === '/latest') return send(res, 200, note);
    const lookup = /^\/lookup\/(.+)@([^@]+)$/.exec(path);
    if (lookup) {
      const id = byModule.get(`${unescape(decodeURIComponent(lookup[1]!))}@${unescape(decodeURIComponent(lookup[2]!))}`);
      if (id === undefined) return send(res, 404, Buffer.from('not found'));
      return send(res, 200, Buffer.concat([Buffer.from(`${id}\n`), records[id]!, Buffer.from('\n'), note]));
    }
    const tile = /^\/tile\/8\/(\d+)\/((?:x\d{3}\/)*\d{3})(?:\.p\/(\d+))?$/.exec(path);
    if (tile) {
      const level = Number(tile[1]) * 8;
      const n = Number(tile[2]!.replace(/x|\//g, ''));
      const width = tile[3] ? Number(tile[3]) : 256;
      const hashes: Buffer[] = [];
      for (let i = 0; i < width; i++) {
        const node = tree.node(level, n * 256 + i);
        if (!node) return send(res, 404, Buffer.from('tile not in tree'));
        hashes.push(node);
      }
      return send(res, 200, Buffer.concat(hashes));
    }
    return send(res, 404, Buffer.from('not found'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, gosumdb: `${TEST_SUMDB_VERIFIER_KEY} ${url}`, requests, size: records.length, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** One record per module version: its go.sum lines, module zip line first, as sum.golang.org writes them. */
function recordsOf(goSum: string, padding: number): Buffer[] {
  const grouped = new Map<string, string[]>();
  for (const line of goSum.split('\n')) {
    const [module, version, hash] = line.trim().split(/\s+/);
    if (!module || !version || !hash) continue;
    const key = `${module} ${version.replace(/\/go\.mod$/, '')}`;
    grouped.set(key, [...(grouped.get(key) ?? []), `${module} ${version} ${hash}`].sort((a, b) => a.length - b.length));
  }
  const fillers = Array.from({ length: padding }, (_, i) => `example.com/filler${i} v1.0.0 h1:${createHash('sha256').update(String(i)).digest('base64')}`);
  return [...fillers.map((f) => [f]), ...grouped.values()].map((lines) => Buffer.from(`${lines.join('\n')}\n`));
}

function leafHash(data: Buffer): Buffer {
  return createHash('sha256').update(Buffer.from([0])).update(data).digest();
}

class MerkleTree {
  private readonly memo = new Map<string, Buffer>();
  constructor(private readonly leaves: Buffer[]) {}

  /** The hash of the complete subtree at `level` number `index`, if the tree holds all its leaves. */
  node(level: number, index: number): Buffer | undefined {
    const width = 2 ** level;
    if ((index + 1) * width > this.leaves.length) return undefined;
    return this.range(index * width, (index + 1) * width);
  }

  root(): Buffer {
    return this.range(0, this.leaves.length);
  }

  /** RFC 6962 MTH of leaves [lo, hi). */
  private range(lo: number, hi: number): Buffer {
    const key = `${lo}-${hi}`;
    const known = this.memo.get(key);
    if (known) return known;
    let hash: Buffer;
    if (hi - lo === 1) hash = this.leaves[lo]!;
    else {
      let k = 1;
      while (k * 2 < hi - lo) k *= 2;
      hash = createHash('sha256').update(Buffer.from([1])).update(this.range(lo, lo + k)).update(this.range(lo + k, hi)).digest();
    }
    this.memo.set(key, hash);
    return hash;
  }
}

function signedTreeNote(size: number, root: Buffer): Buffer {
  const [, , name, hash, key] = SIGNER_KEY.split('+') as [string, string, string, string, string];
  const seed = Buffer.from(SIGNER_KEY.slice(SIGNER_KEY.indexOf(`${hash}+`) + hash.length + 1), 'base64').subarray(1);
  void key;
  const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
  const text = `go.sum database tree\n${size}\n${root.toString('base64')}\n`;
  const signature = Buffer.concat([Buffer.from(hash, 'hex'), sign(null, Buffer.from(text), privateKey)]);
  return Buffer.from(`${text}\n\u2014 ${name} ${signature.toString('base64')}\n`);
}

function unescape(path: string): string {
  return path.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase());
}

function send(res: ServerResponse, status: number, body: Buffer): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length });
  res.end(body);
}
