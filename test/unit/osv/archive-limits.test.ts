import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createLocalSource } from '../../../server/src/osv/local-source';
import { importOfflineDatabase } from '../../../server/src/osv/offline-import';
import { readRecordFiles } from '../../../server/src/osv/record-files';
import type { MetadataStore } from '../../../server/src/store/metadata-store';
import { openStore } from '../../../server/src/store/open-store';
import { buildBomb, buildZip, readRecordDirs } from '../../support/osv-server';
import { tempDirs } from '../store/temp-store';

const NPM_RECORDS = path.resolve(__dirname, '../../fixtures/osv-server/records/npm');
const MiB = 1024 * 1024;

/**
 * Zip bombs: an export that expands past its limits is refused whole, before the bytes past the
 * limit are read, and the data from before stays. The bombs are made here, from a stream.
 */
describe('osv: offline data that expands past its limits', () => {
  const dirs = tempDirs();
  let store: MetadataStore;
  beforeEach(async () => {
    store = await openStore(path.join(dirs.make(), 'chainsight.db'));
  });
  afterEach(async () => {
    await store.close();
    dirs.cleanup();
  });

  async function write(name: string, data: Promise<Buffer>): Promise<string> {
    const file = path.join(dirs.make(), name);
    writeFileSync(file, await data);
    return file;
  }

  const bombs: Array<{ name: string; zip: () => Promise<Buffer>; limits?: { maxEntryBytes?: number; maxTotalBytes?: number }; error: RegExp }> = [
    { name: 'one entry past the default 16 MiB per record file', zip: () => buildBomb(17 * MiB), error: /!BOMB-0\.json expands to 17 MiB, over the 16 MiB limit for one record file: .* is refused/ },
    { name: 'one entry past a lower limit', zip: () => buildBomb(2 * MiB), limits: { maxEntryBytes: MiB }, error: /expands to 2 MiB, over the 1 MiB limit for one record file/ },
    { name: 'many entries past the total', zip: () => buildBomb(MiB, 5), limits: { maxTotalBytes: 3 * MiB }, error: /expands past the 3 MiB limit for one OSV export and is refused/ },
  ];

  for (const row of bombs) {
    it(`db import refuses ${row.name}, and keeps the previous data`, async () => {
      const good = await write('npm-all.zip', buildZip(readRecordDirs(NPM_RECORDS)));
      const [first] = await importOfflineDatabase(store, good, { ecosystem: 'npm' });
      assert.equal(first?.error, undefined);
      const before = await store.offlineGenerations();

      const bomb = await write('npm.zip', row.zip());
      const [result] = await importOfflineDatabase(store, bomb, { ecosystem: 'npm', ...(row.limits ? { limits: row.limits } : {}) });
      assert.match(result?.error ?? '', row.error);
      assert.deepEqual(await store.offlineGenerations(), before, 'the previous npm data is still the active one');
    });

    it(`offline data (--osv-data) refuses ${row.name}: an error, no data`, async () => {
      const bomb = await write('all.zip', row.zip());
      const source = createLocalSource(bomb, { ...(row.limits ? { limits: row.limits } : {}) });
      const answer = await source.recordsFor([{ ecosystem: 'npm', name: 'lodash' }]);
      assert.equal(answer.status.incomplete, true);
      assert.match(answer.status.error ?? '', row.error);
    });
  }

  it('a record file in a folder past the limit is refused before it is read', async () => {
    const dir = dirs.make();
    writeFileSync(path.join(dir, 'HUGE.json'), Buffer.alloc(2 * MiB, 0x20));
    const files = readRecordFiles(dir, { limits: { maxEntryBytes: MiB } });
    await assert.rejects(files.next(), /HUGE\.json expands to 2 MiB, over the 1 MiB limit/);
  });

  it('an export within the limits is read whole', async () => {
    const zip = await write('all.zip', buildZip(readRecordDirs(NPM_RECORDS)));
    let count = 0;
    for await (const _file of readRecordFiles(zip, { limits: { maxEntryBytes: MiB, maxTotalBytes: 64 * MiB } })) count++;
    assert.equal(count, readRecordDirs(NPM_RECORDS).length);
  });
});
