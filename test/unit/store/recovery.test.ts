import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync, truncateSync, watch, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { openStore } from '../../../server/src/store/open-store';
import { StoreError } from '../../../server/src/store/store-error';
import { kill, spawnStoreChild, tempDirs } from './temp-store';

describe('store/recovery', () => {
  const dirs = tempDirs();
  afterEach(() => dirs.cleanup());

  it('moves a garbage file aside, rebuilds, and reports it once', async () => {
    const dir = dirs.make();
    const file = path.join(dir, 'chainsight.db');
    writeFileSync(file, 'this is not a database '.repeat(500));
    const store = await openStore(file);
    assert.ok(store.recovered);
    assert.match(store.recovered.reason, /not a database/);
    assert.match(path.basename(store.recovered.movedTo), /^chainsight\.db\.corrupt-/);
    assert.ok(existsSync(store.recovered.movedTo));
    await store.putCached('k', 'v', 1, 60_000);
    assert.equal(await store.getCached('k', 'v'), 1);
    await store.close();

    const again = await openStore(file);
    assert.equal(again.recovered, undefined, 'reported once');
    assert.equal(await again.getCached('k', 'v'), 1);
    await again.close();
    assert.equal(readdirSync(dir).filter((f) => f.includes('.corrupt-') && !f.endsWith('-wal')).length, 1);
  });

  it('recovers a truncated store, at the latest on the next open', async () => {
    const file = path.join(dirs.make(), 'chainsight.db');
    const store = await openStore(file);
    const records = Array.from({ length: 2_000 }, (_, i) => ({ record: { id: `ID-${i}`, modified: 'm', details: 'x'.repeat(500) } }));
    await store.putAdvisories(records);
    await store.close();
    truncateSync(file, Math.floor(statSync(file).size / 2));

    let reopened = await openStore(file);
    if (!reopened.recovered) {
      await assert.rejects(reopened.getAdvisories(records.map((r) => r.record.id)), (err: unknown) => err instanceof StoreError && err.kind === 'corrupt');
      await reopened.close();
      reopened = await openStore(file);
    }
    assert.ok(reopened.recovered, 'the damaged file was moved aside');
    assert.equal((await reopened.getAdvisories(['ID-1'])).size, 0);
    await reopened.putAdvisories([{ record: { id: 'ID-1', modified: 'm' } }]);
    assert.equal((await reopened.getAdvisories(['ID-1'])).size, 1);
    await reopened.close();
  });

  it('takes over the lock of a killed process', async () => {
    const file = path.join(dirs.make(), 'chainsight.db');
    const { child } = await spawnStoreChild(['hold', file], 'ready');
    assert.ok(existsSync(`${file}.lock`), 'the child holds the lock');
    await kill(child);
    assert.ok(existsSync(`${file}.lock`), 'SIGKILL left the lock behind');

    const store = await openStore(file, { lockTimeoutMs: 60_000 });
    assert.deepEqual(await store.getCached('child', 'alive'), { pid: child.pid });
    await store.close();
    assert.equal(existsSync(`${file}.lock`), false);
  });

  it('waits for a live holder to release, then proceeds', async () => {
    const file = path.join(dirs.make(), 'chainsight.db');
    const first = await openStore(file, { idleReleaseMs: Infinity });
    await first.putCached('k', 'v', 'first', 60_000);
    let secondOpened = false;
    const second = openStore(file, { lockRetryMs: 1 }).then((s) => {
      secondOpened = true;
      return s;
    });
    // The second open is polling the lock; it cannot finish while the first holds it.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(secondOpened, false);
    await first.close();
    const store = await second;
    assert.equal(await store.getCached('k', 'v'), 'first');
    await store.close();
  });

  it('gives up with a clear busy error when the holder never lets go', async () => {
    const file = path.join(dirs.make(), 'chainsight.db');
    const first = await openStore(file, { idleReleaseMs: Infinity });
    let clock = 0;
    // The injected clock jumps past the timeout on each wait, so giving up takes no real time.
    await assert.rejects(openStore(file, { now: () => clock, sleep: async () => void (clock += 20_000), lockTimeoutMs: 15_000 }), (err: unknown) => err instanceof StoreError && err.kind === 'busy' && /in use by process \d+/.test(err.message));
    await first.close();
  });

  it('a long import steps aside between batches when another opener is waiting', async () => {
    const dir = dirs.make();
    const file = path.join(dir, 'chainsight.db');
    let secondDone!: Promise<unknown>;
    // The holder's pause lasts exactly until the waiter has opened, read and closed: no timer involved.
    const holder = await openStore(file, { idleReleaseMs: Infinity, sleep: () => secondDone.then(() => undefined) });
    const writer = await holder.beginImport('test');
    await writer.add([{ id: 'MAL-1', modified: 'm', affected: [{ package: { ecosystem: 'npm', name: 'a' } }] }]);
    const wanted = new Promise<void>((resolve) => {
      const watcher = watch(dir, (_event, name) => {
        if (name === 'chainsight.db.lock-wanted') {
          watcher.close();
          resolve();
        }
      });
    });
    let seenByWaiter: unknown;
    secondDone = openStore(file, { lockRetryMs: 1 }).then(async (waiter) => {
      seenByWaiter = await waiter.offlineGenerations();
      await waiter.close();
    });
    await wanted;
    await writer.yieldLock();
    await secondDone;
    assert.deepEqual(seenByWaiter, [], 'the waiter ran while the import was still in progress');
    await writer.add([{ id: 'MAL-2', modified: 'm', affected: [{ package: { ecosystem: 'npm', name: 'b' } }] }]);
    await writer.commit('npm', { records: 2, malformed: 0 });
    assert.equal((await holder.offlineGenerations())[0]?.records, 2);
    await holder.close();
  });

  it('releases the lock when asked, so another opener can take it', async () => {
    const file = path.join(dirs.make(), 'chainsight.db');
    const first = await openStore(file, { idleReleaseMs: Infinity });
    await first.putCached('k', 'v', 1, 60_000);
    await first.release();
    const second = await openStore(file, { lockTimeoutMs: 0 });
    assert.equal(await second.getCached('k', 'v'), 1);
    await second.close();
    // The first takes the lock back on its next call.
    assert.equal(await first.getCached('k', 'v'), 1);
    await first.close();
  });
});
