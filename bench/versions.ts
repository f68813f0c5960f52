import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as renovatePep440 from '@renovatebot/pep440';
import { Version as RubyVersion } from '@renovatebot/ruby-semver/dist/ruby/version';
import * as semver from 'semver';
import { SCHEMES } from '../server/src/versions/index';
import type { VersionScheme } from '../server/src/versions/scheme';
import { BenchReporter, timeIt } from './report';

/**
 * Version ordering speed. Matching compares a package's version with every event of every range
 * of every advisory for its name, so `compare` runs millions of times per scan and `parse` once per
 * distinct string. Each scheme is timed on the version pairs of its own fixture files (real
 * registry versions), next to plain string `<` on the same pairs and, where one exists, the peer
 * library that re-parses on every comparison.
 */

const FIXTURES: Record<string, string[]> = {
  npm: ['semver-versions.txt', 'osv-npm-ranges.txt'],
  semver: ['semver-versions.txt', 'osv-crates-ranges.txt'],
  go: ['semver-versions.txt', 'osv-go-ranges.txt'],
  pub: ['pub-versions.txt'],
  pep440: ['pypi-versions.txt', 'pypi-versions-generated.txt', 'osv-pypi-ranges.txt'],
  maven: ['maven-versions.txt', 'maven-versions-generated.txt', 'osv-maven-ranges.txt'],
  rubygems: ['rubygems-versions.txt', 'rubygems-versions-generated.txt', 'osv-rubygems-ranges.txt'],
  packagist: ['packagist-versions.txt', 'packagist-versions-generated.txt'],
  nuget: ['nuget-versions.txt'],
};

// Peers as a naive matcher would call them: strings in, parse inside every comparison.
interface Peer {
  name: string;
  accepts(text: string): boolean;
  compare(a: string, b: string): number;
}
const PEERS: Record<string, Peer> = {
  npm: { name: 'semver.compare (strings)', accepts: (t) => semver.valid(t, true) !== null, compare: (a, b) => semver.compare(a, b, true) },
  pep440: { name: '@renovatebot/pep440 compare', accepts: (t) => renovatePep440.valid(t) !== null, compare: (a, b) => renovatePep440.compare(a, b) },
  rubygems: {
    name: '@renovatebot/ruby-semver compare',
    accepts: (t) => RubyVersion.isCorrect(t),
    compare: (a, b) => new RubyVersion(a).compare(new RubyVersion(b)) ?? 0,
  },
};

const TARGET_COMPARES = 300_000;
const DIR = join(__dirname, '../test/fixtures/versions');

function pairsFor(scheme: VersionScheme): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const file of FIXTURES[scheme.id] ?? []) {
    for (const raw of readFileSync(join(DIR, file), 'utf8').split('\n')) {
      const parts = raw.trim().split(/\s+/);
      if (parts.length !== 3 || !'<>='.includes(parts[1]!) || parts[0]!.startsWith('#') || parts[0]!.startsWith('//')) continue;
      if (scheme.parse(parts[0]!) !== undefined && scheme.parse(parts[2]!) !== undefined) pairs.push([parts[0]!, parts[2]!]);
    }
  }
  return pairs;
}

/** Millions of operations per second for `count` operations taking `ms`. */
const mops = (count: number, ms: number) => count / ms / 1000;

export async function run(report: BenchReporter): Promise<void> {
  let sink = 0;
  for (const scheme of SCHEMES) {
    const pairs = pairsFor(scheme);
    if (pairs.length === 0) continue;
    const rounds = Math.max(1, Math.ceil(TARGET_COMPARES / pairs.length));
    const count = pairs.length * rounds;
    const parsed = pairs.map(([a, b]) => [scheme.parse(a)!, scheme.parse(b)!] as const);
    const group = `versions/${scheme.id}`;

    const stringMs = await timeIt(() => {
      for (let r = 0; r < rounds; r++) for (const [a, b] of pairs) sink += a < b ? -1 : a > b ? 1 : 0;
    });
    const compareMs = await timeIt(() => {
      for (let r = 0; r < rounds; r++) for (const [a, b] of parsed) sink += scheme.compare(a, b);
    });
    const baseline = { name: 'string <', value: mops(count, stringMs) };
    report.add({ group, name: `compare, parsed once (${pairs.length} pairs)`, value: mops(count, compareMs), unit: 'M/s', baseline, target: '>= 0.2x string <' });

    const peer = PEERS[scheme.id];
    if (peer) {
      const peerPairs = pairs.filter(([a, b]) => peer.accepts(a) && peer.accepts(b));
      const peerRounds = Math.max(1, Math.ceil(TARGET_COMPARES / 20 / peerPairs.length));
      const peerMs = await timeIt(() => {
        for (let r = 0; r < peerRounds; r++) for (const [a, b] of peerPairs) sink += peer.compare(a, b);
      }, 3, 1);
      report.add({ group, name: `peer: ${peer.name}`, value: mops(peerPairs.length * peerRounds, peerMs), unit: 'M/s', baseline });
    }

    const texts = [...new Set(pairs.flat())];
    const parseRounds = Math.max(1, Math.ceil(50_000 / texts.length));
    const parseMs = await timeIt(() => {
      for (let r = 0; r < parseRounds; r++) for (const t of texts) sink += scheme.parse(t) === undefined ? 1 : 0;
    }, 5, 1);
    const splitMs = await timeIt(() => {
      for (let r = 0; r < parseRounds; r++) for (const t of texts) sink += t.split('.').length;
    }, 5, 1);
    report.add({
      group,
      name: `parse (${texts.length} distinct versions)`,
      value: mops(texts.length * parseRounds, parseMs),
      unit: 'M/s',
      baseline: { name: "split('.')", value: mops(texts.length * parseRounds, splitMs) },
    });
  }
  if (sink === 0.5) process.stdout.write('');
}

if (require.main === module) void run(new BenchReporter());
