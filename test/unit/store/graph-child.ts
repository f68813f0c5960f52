// A child process for the graph's crash test; the parent SIGKILLs it in the middle of an ingest.
//   <store> <packages> <hang|continue>
// Ingests a synthetic SBOM of <packages> components in one transaction. After the transaction has
// written its nodes (halfway through), prints "inside" and either hangs there, transaction open, or
// carries on (the kill then lands wherever the write is).
import type { SbomDocument } from '../../../server/src/documents/types';
import { SupplyChainGraph } from '../../../server/src/graph/graph-store';
import type { SqlExecutor } from '../../../server/src/graph/sql/executor';
import { openStore } from '../../../server/src/store/open-store';

async function main(): Promise<void> {
  const [storePath, countText, then] = process.argv.slice(2);
  const store = await openStore(storePath!, { idleReleaseMs: Infinity });
  const inner = store.sqlExecutor();
  let statements = 0;
  const sql: SqlExecutor = {
    dialect: inner.dialect,
    transaction: (fn, options) =>
      inner.transaction(
        (s) =>
          fn({
            all: (q, p) => s.all(q, p),
            run: (q, p) => s.run(q, p),
            each: async (q, rows) => {
              const result = await s.each(q, rows);
              if (++statements === 6) {
                process.stdout.write('inside\n');
                if (then === 'hang') await new Promise(() => undefined);
              }
              return result;
            },
          }),
        options,
      ),
  };
  await new SupplyChainGraph(sql).ingest(syntheticSbom(Number(countText)));
  process.stdout.write('done\n');
  await store.close();
}

export function syntheticSbom(count: number): SbomDocument {
  const packages = Array.from({ length: count }, (_, i) => ({ ref: `c${i}`, name: `child-pkg-${i}`, version: '1.0.0', purl: `pkg:npm/child-pkg-${i}@1.0.0`, digests: [{ algorithm: 'sha256', value: i.toString(16).padStart(64, '0') }] }));
  return {
    kind: 'sbom',
    origin: { digest: `sha256:${'c'.repeat(64)}`, fileName: 'child.cdx.json', format: 'cyclonedx' },
    subject: { ref: 'root', name: 'child-app', version: '1.0.0', purl: 'pkg:npm/child-app@1.0.0', digests: [] },
    packages,
    dependencies: packages.map((p) => ({ from: 'root', to: p.ref })),
    vex: [],
  };
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
