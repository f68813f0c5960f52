import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedTrustedRoot } from '../../../server/src/provenance/trust-sources';
import { parseTrustedRoot, readTrustedRootFile, type TrustedRootOutcome } from '../../../server/src/provenance/trusted-root';
import { SIGSTORE_FIXTURES } from '../../support/registry-server';

describe('provenance/trusted-root (chainsight.sigstore.trustedRoot)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'chainsight-root-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the public-good trusted root file', async () => {
    const outcome = await readTrustedRootFile(join(SIGSTORE_FIXTURES, 'trust', 'trusted_root.public-good.json'));
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.reason);
    assert.deepEqual(outcome.root.tlogs.map((t) => t.baseUrl), ['https://rekor.sigstore.dev', 'https://log2025-1.rekor.sigstore.dev']);
    assert.match(outcome.digest, /^[0-9a-f]{64}$/);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['not JSON', '{', /is not JSON/],
    ['an array', '[]', /not an object/],
    ['another document type', JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1' }), /not a Sigstore trusted root/],
    ['without logs', JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1' }), /no tlogs or certificateAuthorities/],
    ['the TUF root instead', JSON.stringify({ signed: { _type: 'root' }, signatures: [] }), /no tlogs or certificateAuthorities/],
  ];
  for (const [name, text, reason] of bad) {
    it(`says why a file is unusable: ${name}`, () => {
      const outcome = parseTrustedRoot(text, 'root.json');
      assert.equal(outcome.ok, false);
      assert.match(outcome.ok ? '' : outcome.reason, reason);
    });
  }

  it('says why a file cannot be read', async () => {
    const outcome = await readTrustedRootFile(join(dir, 'missing.json'));
    assert.match(outcome.ok ? '' : outcome.reason, /cannot read trusted root .*ENOENT/);
    writeFileSync(join(dir, 'empty.json'), '');
    assert.equal((await readTrustedRootFile(join(dir, 'empty.json'))).ok, false);
  });

  it('a session keeps a loaded root and retries after a failure', async () => {
    const answers: TrustedRootOutcome[] = [{ ok: false, reason: 'offline' }, parseTrustedRoot('{}', 'x'), await readTrustedRootFile(join(SIGSTORE_FIXTURES, 'trust', 'trusted_root.public-good.json'))];
    let calls = 0;
    const load = cachedTrustedRoot(async () => answers[calls++]!);
    assert.equal((await load()).ok, false);
    assert.equal((await load()).ok, false);
    assert.equal((await load()).ok, true);
    assert.equal((await load()).ok, true);
    assert.equal(calls, 3);
  });
});
