import { BenchReporter, type BenchModule } from './report';

/** Every bench module, in the order they print. Each prints figures next to baselines from this run. */
const MODULES = [
  './npm-lockfiles',
  './ecosystems-npm-family',
  './ecosystems-pypi',
  './ecosystems-go',
  './ecosystems-jvm-ruby-php-dotnet',
  './versions',
  './matching',
  './osv-store',
  './store-graph',
  './store-team',
  './store-team-osv',
  './vex-policy',
  './provenance-ecosystems',
  './lsp-open',
  './lsp-store-rss',
  './lockfile-memory',
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const report = new BenchReporter();
  process.stdout.write(`Chainsight bench — node ${process.version}, ${new Date().toISOString()}\nThese machines are noisy: read the ratios against the baselines, not the absolute figures.\n\n`);
  for (const name of MODULES) {
    if (only.length && !only.some((o) => name.includes(o))) continue;
    const module = (await import(name)) as BenchModule;
    await module.run(report);
  }
}

void main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
