import assert from 'node:assert/strict';
import type { VerifyReportPackage } from '../../server/src/provenance/present/verify-report';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';
import { startSumdbServer, type SumdbServer } from '../support/sumdb-server';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

type ReportPackage = VerifyReportPackage;

/** The first lines of a real go.sum (gohugoio/hugo, 2021): modules with their zip and go.mod hashes. */
const HUGO_SUM = readFileSync(join(__dirname, '../fixtures/ecosystems/go/realworld/hugo-2021-go/go.sum'), 'utf8');
const GO_SUM = `${HUGO_SUM.split('\n').filter((l) => l.startsWith('github.com/')).slice(0, 40).join('\n')}\n`;
const TAMPERED_LINE = GO_SUM.split('\n').find((l) => !l.includes('/go.mod '))!;
const TAMPERED_MODULE = TAMPERED_LINE.split(' ')[0]!;

interface Run {
  home: string;
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  verify(ws: TempWorkspace, args?: string[], extra?: NodeJS.ProcessEnv): Promise<{ code: number | null; packages: ReportPackage[]; stderr: string; stdout: string }>;
  dispose(): void;
}

/** A user whose environment names the local checksum database, with a private store. */
function user(server: () => SumdbServer): Run {
  const home = mkdtempSync(join(tmpdir(), 'chainsight-user-'));
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    ...process.env,
    GOSUMDB: server().gosumdb,
    GOENV: 'off',
    GONOSUMDB: '',
    GOPRIVATE: '',
    GONOSUMCHECK: '',
    GOFLAGS: '',
    CHAINSIGHT_STORE: join(home, 'chainsight.db'),
    HTTP_PROXY: '',
    HTTPS_PROXY: '',
    http_proxy: '',
    https_proxy: '',
    ...extra,
  });
  return {
    home,
    env,
    async verify(ws, args = [], extra = {}) {
      const result = await runCli(['verify', ws.root, '--format', 'json', ...args], { env: env(extra) });
      const packages = result.stdout ? (JSON.parse(result.stdout) as { packages: ReportPackage[] }).packages : [];
      return { code: result.code, packages, stderr: result.stderr, stdout: result.stdout };
    },
    dispose: () => rmSync(home, { recursive: true, force: true }),
  };
}

describe('chainsight verify: go.sum against the Go checksum database', function () {
  let server: SumdbServer;
  let forked: SumdbServer;
  let current: SumdbServer;
  before(async () => {
    // 300 records before the real ones: proofs cross from level-0 to level-1 tiles.
    server = await startSumdbServer({ goSum: GO_SUM, padding: 300 });
    forked = await startSumdbServer({ goSum: GO_SUM, padding: 300, fork: true });
  });
  after(async () => {
    await server.close();
    await forked.close();
  });
  beforeEach(() => {
    current = server;
  });

  it('every go.sum line matches its record, proven included in a verified tree head', async () => {
    const ws = tempWorkspace({ 'go.sum': GO_SUM });
    const run = user(() => current);
    try {
      const result = await run.verify(ws);
      assert.equal(result.code, 0, result.stderr);
      assert.ok(result.packages.length >= 15);
      for (const p of result.packages) assert.deepEqual([p.ecosystem, p.signature, p.provenance], ['Go', 'verified', 'unavailable'], `${p.name}@${p.version}: ${p.signatureReason}`);
      assert.ok(server.requests.includes('/latest'));
      assert.ok(server.requests.some((r) => r.startsWith('/tile/8/1/')), 'a level-1 tile was read');
    } finally {
      ws.dispose();
      run.dispose();
    }
  });

  it('a tampered go.sum line is an error, exit 1', async () => {
    const bad = TAMPERED_LINE.replace(/h1:.{4}/, 'h1:AAAA');
    const ws = tempWorkspace({ 'go.sum': GO_SUM.replace(TAMPERED_LINE, bad) });
    const run = user(() => current);
    try {
      const result = await run.verify(ws);
      assert.equal(result.code, 1, result.stderr);
      const invalid = result.packages.filter((p) => p.signature === 'invalid');
      assert.deepEqual(invalid.map((p) => p.name), [TAMPERED_MODULE]);
      assert.match(invalid[0]!.signatureReason, /^go\.sum does not match the Go checksum database: the module's bytes differ from what everyone else sees/);
      const table = await runCli(['verify', ws.root], { env: run.env() });
      assert.match(table.stdout, /go\.sum does not match the Go checksum database/);
    } finally {
      ws.dispose();
      run.dispose();
    }
  });

  it('a tree head that forks from the stored one is an error for every module, exit 1', async () => {
    const ws = tempWorkspace({ 'go.sum': GO_SUM });
    const run = user(() => current);
    try {
      assert.equal((await run.verify(ws)).code, 0);
      current = forked;
      const result = await run.verify(ws);
      assert.equal(result.code, 1, result.stderr);
      for (const p of result.packages) {
        assert.equal(p.signature, 'invalid');
        assert.match(p.signatureReason, /forks from the one verified before/);
      }
    } finally {
      ws.dispose();
      run.dispose();
    }
  });

  it('--sumdb names the database like GOSUMDB; offline then makes no connection and shows stored verdicts with their age', async () => {
    const ws = tempWorkspace({ 'go.sum': GO_SUM });
    const run = user(() => current);
    try {
      const online = await run.verify(ws, ['--sumdb', server.gosumdb], { GOSUMDB: 'off' });
      assert.equal(online.code, 0, online.stderr);
      assert.ok(online.packages.every((p) => p.signature === 'verified'));
      const before = server.requests.length;
      const offline = await run.verify(ws, ['--offline', '--sumdb', server.gosumdb]);
      assert.equal(offline.code, 0, offline.stderr);
      assert.equal(server.requests.length, before, 'offline made a request');
      assert.ok(offline.packages.every((p) => p.signature === 'verified' && p.checkedAt !== null));
    } finally {
      ws.dispose();
      run.dispose();
    }
  });

  it('private modules (GOPRIVATE, GONOSUMDB) are never sent; GOSUMDB=off checks nothing', async () => {
    const ws = tempWorkspace({ 'go.sum': GO_SUM });
    const run = user(() => current);
    const privatePrefix = TAMPERED_MODULE.split('/').slice(0, 2).join('/');
    try {
      const before = server.requests.length;
      const result = await run.verify(ws, [], { GOPRIVATE: `${privatePrefix}/*` });
      assert.equal(result.code, 0, result.stderr);
      const sent = server.requests.slice(before);
      assert.ok(!sent.some((r) => r.includes(privatePrefix.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`))), `a private module was sent: ${sent.join(' ')}`);
      for (const p of result.packages.filter((p) => p.name.startsWith(`${privatePrefix}/`))) assert.match(p.signatureReason, /private module \(GOPRIVATE/);
      const off = await run.verify(ws, [], { GOSUMDB: 'off' });
      assert.ok(off.packages.every((p) => p.signature === 'unavailable' && /GOSUMDB=off/.test(p.signatureReason)));
    } finally {
      ws.dispose();
      run.dispose();
    }
  });

  it('a go.mod requirement with no go.sum line is reported missing', async () => {
    const [module, version] = TAMPERED_LINE.split(' ') as [string, string];
    const ws = tempWorkspace({
      'go.mod': `module example.com/app\n\ngo 1.21\n\nrequire (\n\t${module} ${version}\n\tgithub.com/not/in-go-sum v1.2.3\n)\n`,
      'go.sum': GO_SUM,
    });
    const run = user(() => current);
    try {
      const result = await run.verify(ws);
      assert.equal(result.code, 0, result.stderr);
      const missing = result.packages.find((p) => p.name === 'github.com/not/in-go-sum')!;
      assert.equal(missing.signature, 'missing');
      assert.match(missing.signatureReason, /go\.sum has no line for it/);
      assert.equal(result.packages.find((p) => p.name === module)!.signature, 'verified');
    } finally {
      ws.dispose();
      run.dispose();
    }
  });
});
