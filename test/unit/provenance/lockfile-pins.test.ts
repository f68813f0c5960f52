import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { npmProvenanceProvider } from '../../../server/src/provenance/npm/npm-provider';
import type { ProvenanceSubject } from '../../../server/src/provenance/types';
import { FIXTURE_LOCK_ENTRIES, startRegistryServer, type RegistryServer } from '../../support/registry-server';
import { contextFor } from './context';

const NODE_FETCH = FIXTURE_LOCK_ENTRIES.find((e) => e.name === 'node-fetch')!;
const SHA256_OF_OTHER_BYTES = `sha256-${createHash('sha256').update('an attacker tarball').digest('base64')}`;

/**
 * What the lockfile pins decides whether a registry signature vouches for what gets installed: npm
 * checks the tarball against the lockfile's integrity and nothing else. What cannot be compared is
 * never "verified".
 */
describe('provenance/npm: what the lockfile pins', () => {
  let server: RegistryServer;
  let ctx: ReturnType<typeof contextFor>;
  before(async () => {
    server = await startRegistryServer();
    ctx = contextFor(server.url);
  });
  after(async () => {
    await ctx.agent.close();
    await server.close();
  });

  const rows: Array<{ name: string; subject: ProvenanceSubject; status: string; code: string; reason?: RegExp }> = [
    { name: 'the integrity the registry signed', subject: NODE_FETCH, status: 'verified', code: 'verified' },
    {
      name: 'a malformed integrity (sha512-AAAA) is invalid, not verified',
      subject: { ...NODE_FETCH, integrity: 'sha512-AAAA' },
      status: 'invalid',
      code: 'integrity-malformed',
      reason: /the lockfile integrity sha512-AAAA is not a valid sha1\/sha256\/sha384\/sha512 digest/,
    },
    { name: 'an unknown algorithm is malformed', subject: { ...NODE_FETCH, integrity: 'md5-1B2M2Y8AsgTpgAmY7PhCfg==' }, status: 'invalid', code: 'integrity-malformed' },
    {
      name: 'a valid hash next to a malformed one is still malformed',
      subject: { ...NODE_FETCH, integrity: `${NODE_FETCH.integrity} sha512-AAAA` },
      status: 'invalid',
      code: 'integrity-malformed',
    },
    {
      name: 'sha256 only, which the registry does not sign: a warning that the bytes are not covered',
      subject: { ...NODE_FETCH, integrity: SHA256_OF_OTHER_BYTES },
      status: 'unverified',
      code: 'integrity-unsigned-algorithm',
      reason: /pins this package with sha256 only, which the registry does not sign \(it signs sha512\): the installed bytes are not covered by the registry's signature/,
    },
    { name: 'the signed sha512 plus a sha256: the sha512 is compared', subject: { ...NODE_FETCH, integrity: `${NODE_FETCH.integrity} ${SHA256_OF_OTHER_BYTES}` }, status: 'verified', code: 'verified' },
  ];
  for (const row of rows) {
    it(row.name, async () => {
      const [result] = await npmProvenanceProvider.check([row.subject], ctx);
      assert.equal(result!.signature.status, row.status, result!.signature.reason);
      assert.equal(result!.signature.code, row.code);
      if (row.reason) assert.match(result!.signature.reason, row.reason);
    });
  }

  const resolved: Array<{ name: string; resolved: (registry: string) => string | undefined; want: (registry: string) => string | undefined }> = [
    { name: 'a tarball on the registry', resolved: (r) => `${r}node-fetch/-/node-fetch-1.7.1.tgz`, want: () => undefined },
    { name: 'no tarball URL (pnpm)', resolved: () => undefined, want: () => undefined },
    { name: 'the public registry, which npm rewrites to the configured one', resolved: () => 'https://registry.npmjs.org/node-fetch/-/node-fetch-1.7.1.tgz', want: () => undefined },
    { name: "yarn's name for the public registry", resolved: () => 'https://registry.yarnpkg.com/node-fetch/-/node-fetch-1.7.1.tgz', want: () => undefined },
    { name: 'another host: reported', resolved: () => 'http://evil.example/x.tgz', want: () => 'http://evil.example/x.tgz' },
    { name: 'the same host on another port: reported', resolved: (r) => r.replace(/:(\d+)\//, (_m, port: string) => `:${Number(port) + 1}/`) + 'x.tgz', want: (r) => r.replace(/:(\d+)\//, (_m, port: string) => `:${Number(port) + 1}/`) + 'x.tgz' },
  ];
  for (const row of resolved) {
    it(`resolved URL: ${row.name}`, async () => {
      const url = row.resolved(server.url);
      const [result] = await npmProvenanceProvider.check([{ ...NODE_FETCH, ...(url ? { resolved: url } : {}) }], ctx);
      assert.equal(result!.resolvedElsewhere, row.want(server.url));
      assert.equal(result!.signature.status, 'verified', 'where the tarball comes from does not change the signature verdict');
    });
  }
});
