// A child process for the store's crash tests; the parent SIGKILLs it at a chosen moment.
//   hold <store>                         open the store, write, print "ready", wait forever (holding the lock)
//   import <store> <records> <batch> <hang|continue>
//                                        import synthetic npm records as a new generation, printing
//                                        {"records":n} after each batch; at half, print "halfway" and
//                                        either hang inside the progress callback or carry on
//   pg-import <url> <records> <batch> <hang|continue>
//                                        the same, into the team store on PostgreSQL at <url>
import { importRecordFiles } from '../../server/src/osv/offline-import';
import type { RecordFile } from '../../server/src/osv/record-files';
import type { OsvRecordStore } from '../../server/src/osv/record-store';
import { openStore } from '../../server/src/store/open-store';
import { PgStore } from '../../server/src/store/pg-store';

async function open(mode: string, location: string): Promise<{ store: OsvRecordStore; close(): Promise<void> }> {
  if (mode === 'pg-import') {
    const team = await PgStore.open(location);
    return { store: team.vulnerabilityData(), close: () => team.close() };
  }
  const store = await openStore(location, { idleReleaseMs: Infinity });
  if (mode === 'hold') {
    await store.putCached('child', 'alive', { pid: process.pid }, 60_000);
    process.stdout.write('ready\n');
    await new Promise(() => undefined);
  }
  return { store, close: () => store.close() };
}

async function main(): Promise<void> {
  const [mode, storePath, countText, batchText, then] = process.argv.slice(2);
  const { store, close } = await open(mode!, storePath!);
  const total = Number(countText);
  let halfway = false;
  await importRecordFiles(store, syntheticFiles(total), 'synthetic', {
    ecosystem: 'npm',
    batchSize: Number(batchText),
    onProgress: async ({ records }) => {
      process.stdout.write(`${JSON.stringify({ records })}\n`);
      if (!halfway && records >= total / 2) {
        halfway = true;
        process.stdout.write('halfway\n');
        if (then === 'hang') await new Promise(() => undefined);
      }
    },
  });
  process.stdout.write('done\n');
  await close();
}

async function* syntheticFiles(count: number): AsyncGenerator<RecordFile> {
  for (let i = 0; i < count; i++) {
    const record = {
      id: `MAL-CHILD-${i}`,
      modified: '2026-01-01T00:00:00Z',
      summary: 'Malicious code in a synthetic package',
      details: 'x'.repeat(800),
      affected: [{ package: { ecosystem: 'npm', name: `child-pkg-${i}` }, versions: ['1.0.0'] }],
    };
    yield { origin: `synthetic/${record.id}.json`, text: JSON.stringify(record) };
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
