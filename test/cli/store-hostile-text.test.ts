import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SbomDocument } from '../../server/src/documents/types';
import { SupplyChainGraph } from '../../server/src/graph/graph-store';
import { openStore } from '../../server/src/store/open-store';
import { PackageURL } from 'packageurl-js';
import { runCli } from '../support/run-cli';

// Names a terminal would obey: erase the line above, a hidden OSC 8 link, a right-to-left override.
const ESC = '\u001b';
const HOSTILE = `evil${ESC}[1A${ESC}[2K${ESC}]8;;https://attacker.example${ESC}\\click\u202eexe.txt`;
const PURL = new PackageURL('generic', undefined, HOSTILE, undefined, undefined, undefined).toString();
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('chainsight query: untrusted text in the terminal', () => {
  let dir: string;
  let store: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chainsight-hostile-'));
    store = join(dir, 'chainsight.db');
    const doc: SbomDocument = {
      kind: 'sbom',
      origin: { digest: `sha256:${'e'.repeat(64)}`, fileName: `bom${ESC}[31m.json`, format: 'cyclonedx' },
      subject: { ref: 'root', name: HOSTILE, version: '1.0.0', digests: [] },
      packages: [{ ref: 'p', name: HOSTILE, version: '1.0.0', digests: [] }],
      dependencies: [{ from: 'root', to: 'p' }],
      vex: [],
    };
    const opened = await openStore(store);
    await new SupplyChainGraph(opened.sqlExecutor()).ingest(doc);
    await opened.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('tables strip escape sequences and bidirectional controls', async () => {
    const result = await runCli(['query', 'who-uses', PURL, '--store', store]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /sbom evilclickexe\.txt 1\.0\.0  evilclickexe\.txt@1\.0\.0  direct  cyclonedx bom\.json/, 'sequences removed whole, text kept');
    assert.doesNotMatch(result.stdout, CONTROL);
    const status = await runCli(['store', 'status', '--store', store]);
    assert.doesNotMatch(status.stdout, CONTROL);
  });

  it('JSON keeps the text as data, escaped by JSON', async () => {
    const result = await runCli(['query', 'who-uses', PURL, '--store', store, '--format', 'json']);
    const answer = JSON.parse(result.stdout) as { results: Array<{ subject: { name: string } }> };
    assert.equal(answer.results[0]?.subject.name, HOSTILE);
    assert.doesNotMatch(result.stdout, /\u001b/);
  });
});
