// Matching a 5,000-package inventory against every record of one ecosystem, next to a baseline of
// just iterating those records once per package, measured in the same run.
// Run with `npx tsx bench/matching.ts`, or through bench/run.ts.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { assessPackage } from '../server/src/analysis/assess-package';
import { packageKey } from '../server/src/core/package';
import { ecosystemByName } from '../server/src/ecosystems';
import type { Ecosystem } from '../server/src/ecosystems/types';
import { recordAffects } from '../server/src/osv/match';
import { parseRecord, readRecordFiles } from '../server/src/osv/record-files';
import { RecordIndex } from '../server/src/osv/record-index';
import type { OsvRecord } from '../server/src/osv/types';
import { BenchReporter, timeIt } from './report';

const GROUP = 'matching';
const ROOT = path.resolve(__dirname, '..');
const PYPI_ZIP = path.join(ROOT, 'test/fixtures/osv-corpus/PyPI.zip');
const GO_CORPUS = path.resolve(ROOT, '../shared/corpus/osv/Go');
const INVENTORY = 5_000;

export async function run(report: BenchReporter): Promise<void> {
  await benchEcosystem(report, 'PyPI', PYPI_ZIP);
  if (existsSync(GO_CORPUS)) await benchEcosystem(report, 'Go', GO_CORPUS);
  else process.stdout.write(`${GROUP}: ${GO_CORPUS} not found; skipping Go (only PyPI is in test/fixtures)\n`);
}

interface Item {
  name: string;
  version: string;
}

async function benchEcosystem(report: BenchReporter, ecosystemName: string, location: string): Promise<void> {
  const ecosystem = ecosystemByName(ecosystemName)!;
  const texts: string[] = [];
  for await (const file of readRecordFiles(location)) texts.push(file.text);
  // Fresh objects for every cold run: parsed event versions are cached on the range objects.
  const parseAll = () => texts.map((text) => parseRecord({ origin: location, text })).flatMap((p) => ('record' in p ? [p.record] : []));
  const buildIndex = (records: readonly OsvRecord[]) => {
    const index = new RecordIndex();
    for (const r of records) index.add(r);
    return index;
  };

  const records = parseAll();
  const inventory = buildInventory(records, ecosystem);
  const label = `${ecosystemName} (${records.length.toLocaleString('en')} records), ${inventory.items.length.toLocaleString('en')} packages`;
  process.stdout.write(`${GROUP}: ${label}: ${inventory.vulnerable} vulnerable at real versions, ${inventory.clean} clean at real versions, ${inventory.unknown} names not in the data\n`);

  let sink = 0;
  const matchAll = (index: RecordIndex) => {
    let found = 0;
    for (const item of inventory.items) {
      const assessment = assessPackage(index.get(packageKey(ecosystem.name, ecosystem.normalizeName(item.name))), ecosystem, item.name, item.version);
      found += assessment?.vulnerabilities.length ? 1 : 0;
    }
    return found;
  };
  // The matcher alone, without grouping, severity or the fix search that assessPackage adds.
  const matchOnly = (index: RecordIndex) => {
    let found = 0;
    for (const item of inventory.items) {
      const version = ecosystem.scheme.parse(item.version);
      for (const r of index.get(packageKey(ecosystem.name, ecosystem.normalizeName(item.name)))) if (!r.withdrawn && recordAffects(r, ecosystem, item.name, version) === 'affected') found++;
    }
    return found;
  };
  // Baseline: no index, no matching; each package look-up walks every record of the ecosystem once.
  const iterateAll = () => {
    let touched = 0;
    for (let i = 0; i < inventory.items.length; i++) for (const r of records) touched += r.affected ? r.affected.length : 0;
    sink += touched;
  };

  const indexMs = await timeIt(() => buildIndex(records), 7, 1);

  // One throw-away cold run first so JIT warm-up is not billed to "cold": what remains is the
  // first-call parsing of each range's event versions.
  matchAll(buildIndex(parseAll()));
  const coldTimes: number[] = [];
  let vulnerableSeen = 0;
  for (let i = 0; i < 3; i++) {
    const index = buildIndex(parseAll());
    const start = process.hrtime.bigint();
    vulnerableSeen = matchAll(index);
    coldTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  coldTimes.sort((a, b) => a - b);
  const coldMs = coldTimes[1]!;

  const warmIndex = buildIndex(records);
  const warmMs = await timeIt(() => {
    sink += matchAll(warmIndex);
  }, 5, 1);
  const matchOnlyMs = await timeIt(() => {
    sink += matchOnly(warmIndex);
  }, 5, 1);
  const baselineMs = await timeIt(iterateAll, 5, 1);

  const perSecond = (ms: number) => (inventory.items.length * 1000) / ms;
  const baseline = { name: 'iterate all records per package', value: perSecond(baselineMs) };
  report.add({ group: GROUP, name: `${ecosystemName}: build RecordIndex (${records.length} records)`, value: indexMs, unit: 'ms' });
  report.add({ group: GROUP, name: `${ecosystemName}: assessPackage, cold (parses events)`, value: perSecond(coldMs), unit: 'pkg/s', baseline });
  report.add({ group: GROUP, name: `${ecosystemName}: assessPackage, warm`, value: perSecond(warmMs), unit: 'pkg/s', baseline });
  report.add({ group: GROUP, name: `${ecosystemName}: recordAffects only, warm (no grouping/fix)`, value: perSecond(matchOnlyMs), unit: 'pkg/s', baseline });
  report.add({ group: GROUP, name: `${ecosystemName}: ${INVENTORY} packages, warm (${vulnerableSeen} vulnerable)`, value: warmMs, unit: 'ms', baseline: { name: 'iterate', value: baselineMs } });
  if (sink < 0) process.stdout.write('');
}

/**
 * A realistic inventory: half the packages are named in the records at a version the records
 * affect, a quarter are named at a version they do not affect, and the rest (a quarter or more,
 * when the data has too few clean versions) are not in the data at all.
 * Versions are taken from the records themselves (events and versions lists), classified by the
 * matcher, so every one is a version the ecosystem really published or at least an advisory names.
 */
function buildInventory(records: readonly OsvRecord[], ecosystem: Ecosystem): { items: Item[]; vulnerable: number; clean: number; unknown: number } {
  const candidates = new Map<string, { name: string; versions: Set<string> }>();
  for (const record of records) {
    if (record.withdrawn) continue;
    for (const entry of record.affected ?? []) {
      const pkg = entry.package;
      if (pkg?.ecosystem !== ecosystem.name || typeof pkg.name !== 'string') continue;
      const key = ecosystem.normalizeName(pkg.name);
      let c = candidates.get(key);
      if (!c) candidates.set(key, (c = { name: pkg.name, versions: new Set() }));
      for (const v of entry.versions ?? []) c.versions.add(v);
      for (const range of entry.ranges ?? []) for (const event of range.events ?? []) for (const v of Object.values(event)) if (typeof v === 'string' && v !== '0' && v !== '*') c.versions.add(v);
    }
  }
  const byName = new Map<string, OsvRecord[]>();
  for (const record of records) {
    if (record.withdrawn) continue;
    for (const entry of record.affected ?? []) {
      if (entry.package?.ecosystem !== ecosystem.name || typeof entry.package.name !== 'string') continue;
      const key = ecosystem.normalizeName(entry.package.name);
      const list = byName.get(key) ?? [];
      if (!list.includes(record)) list.push(record);
      byName.set(key, list);
    }
  }
  // Per name, its affected and clean versions; drawn round-robin across names so no package
  // dominates (an inventory holds one or a few versions of each package).
  const affectedByName: Item[][] = [];
  const cleanByName: Item[][] = [];
  const random = lcg(20260101);
  for (const [key, c] of [...candidates].sort(([a], [b]) => a.localeCompare(b))) {
    const affected: string[] = [];
    const clean: string[] = [];
    for (const text of c.versions) {
      const shown = ecosystem.name === 'Go' && /^\d/.test(text) && c.name !== 'stdlib' && c.name !== 'toolchain' ? `v${text}` : text;
      const version = ecosystem.scheme.parse(shown);
      if (version === undefined) continue;
      const hit = (byName.get(key) ?? []).some((r) => recordAffects(r, ecosystem, c.name, version) === 'affected');
      (hit ? affected : clean).push(shown);
    }
    affectedByName.push(pick(affected, affected.length, random).map((version) => ({ name: c.name, version })));
    cleanByName.push(pick(clean, clean.length, random).map((version) => ({ name: c.name, version })));
  }
  shuffle(affectedByName, random);
  shuffle(cleanByName, random);
  const vulnerable = roundRobin(affectedByName, INVENTORY / 2);
  const clean = roundRobin(cleanByName, INVENTORY / 4);
  const unknown: Item[] = [];
  const style = ecosystem.name === 'Go' ? (i: number) => `example.com/internal/service${i}` : (i: number) => `internal-package-${i}`;
  for (let i = 0; vulnerable.length + clean.length + unknown.length < INVENTORY; i++) unknown.push({ name: style(i), version: ecosystem.name === 'Go' ? `v1.${i % 40}.${i % 9}` : `1.${i % 40}.${i % 9}` });
  const items = [...vulnerable, ...clean, ...unknown];
  shuffle(items, random);
  return { items, vulnerable: vulnerable.length, clean: clean.length, unknown: unknown.length };
}

function roundRobin(lists: Item[][], count: number): Item[] {
  const out: Item[] = [];
  for (let round = 0; out.length < count; round++) {
    let any = false;
    for (const list of lists) {
      if (round < list.length && out.length < count) {
        out.push(list[round]!);
        any = true;
      }
    }
    if (!any) break;
  }
  return out;
}

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function shuffle<T>(list: T[], random: () => number): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
}

function pick<T>(list: readonly T[], count: number, random: () => number): T[] {
  const copy = [...list];
  shuffle(copy, random);
  return copy.slice(0, count);
}

if (require.main === module) {
  void run(new BenchReporter()).catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exitCode = 1;
  });
}
