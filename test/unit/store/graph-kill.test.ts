import assert from 'node:assert/strict';
import * as path from 'node:path';
import { SupplyChainGraph } from '../../../server/src/graph/graph-store';
import { openStore } from '../../../server/src/store/open-store';
import { readFixture, recordFolder } from '../graph/store-fixture';
import { FIXTURES, type TempWorkspace } from '../../support/temp-workspace';
import { syntheticSbom } from './graph-child';
import { kill, spawnChild, tempDirs } from './temp-store';

const CHILD = path.resolve(__dirname, 'graph-child.ts');
const JUICE = 'juice-shop-14.1.1.flat.cdx-1.6.json';

describe('store/graph ingest killed halfway', () => {
  const dirs = tempDirs();
  const workspaces: TempWorkspace[] = [];
  afterEach(() => {
    for (const ws of workspaces.splice(0)) ws.dispose();
    dirs.cleanup();
  });

  // `hang`: killed with the transaction open after its nodes are written. `continue`: killed wherever
  // the write is when the signal lands.
  for (const then of ['hang', 'continue']) {
    it(`leaves the previous facts intact and the store usable (${then})`, async () => {
      const file = path.join(dirs.make(), 'chainsight.db');
      const before = await openStore(file);
      const graph = new SupplyChainGraph(before.sqlExecutor());
      await recordFolder(graph, path.join(FIXTURES, '../../examples/npm-app'), { commit: 'f'.repeat(40), workspaces });
      await graph.ingest(readFixture(`sbom/${JUICE}`));
      const status = await graph.status();
      const answer = await graph.whoUses({ package: 'ms' });
      await before.close();

      const { child, lines } = await spawnChild(CHILD, [file, '20000', then], 'inside');
      await kill(child);
      assert.ok(!lines.includes('done'), 'the ingest did not finish');

      const after = await openStore(file, { lockTimeoutMs: 60_000 });
      try {
        assert.equal(after.recovered, undefined, 'nothing needed rebuilding');
        const reopened = new SupplyChainGraph(after.sqlExecutor());
        assert.deepEqual(await reopened.status(), status, 'nothing of the killed ingest is visible');
        assert.deepEqual(await reopened.whoUses({ package: 'ms' }), answer);
        const again = await reopened.ingest(syntheticSbom(200));
        assert.equal(again.status, 'added', 'the same document ingests cleanly afterwards');
      } finally {
        await after.close();
      }
    });
  }
});
