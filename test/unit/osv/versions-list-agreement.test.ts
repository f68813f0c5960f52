import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ecosystemByName } from '../../../server/src/ecosystems';
import { entryAffects } from '../../../server/src/osv/match';
import { parseRecord, readRecordFiles } from '../../../server/src/osv/record-files';
import type { OsvAffected } from '../../../server/src/osv/types';

/**
 * osv.dev expands every range into an explicit `versions` list using each ecosystem's own release
 * history. For PyPI and Maven records that carry both, the ranges alone must match every listed
 * version: each miss is either a bug in our ordering or matching, or a fault in the advisory's own
 * data, and the second kind is listed with its investigated reason in versions-list-known-misses.json.
 */
const CORPUS = join(__dirname, '../../fixtures/osv-corpus');

interface Miss {
  record: string;
  package: string;
  version: string;
  reason: string;
}

const KNOWN: Miss[] = JSON.parse(readFileSync(join(CORPUS, 'versions-list-known-misses.json'), 'utf8')) as Miss[];
const missKey = (m: Pick<Miss, 'record' | 'package' | 'version'>) => `${m.record} ${m.package} ${m.version}`;

interface Tally {
  records: number;
  listed: number;
  agreed: number;
  misses: Array<Omit<Miss, 'reason'> & { outcome: string }>;
}

async function evaluate(ecosystemName: 'PyPI' | 'Maven'): Promise<Tally> {
  const ecosystem = ecosystemByName(ecosystemName)!;
  const tally: Tally = { records: 0, listed: 0, agreed: 0, misses: [] };
  for await (const file of readRecordFiles(join(CORPUS, `${ecosystemName}.zip`))) {
    const parsed = parseRecord(file);
    if ('error' in parsed) throw new Error(parsed.error);
    const record = parsed.record;
    let counted = false;
    for (const entry of record.affected ?? []) {
      if (entry.package?.ecosystem !== ecosystemName) continue;
      if (!Array.isArray(entry.versions) || entry.versions.length === 0) continue;
      if (!(entry.ranges ?? []).some((r) => r.type === 'ECOSYSTEM')) continue;
      if (!counted) tally.records++;
      counted = true;
      // The same entry without its list: only the ranges can match.
      const rangesOnly: OsvAffected = { ...entry, versions: [] };
      for (const text of entry.versions) {
        tally.listed++;
        const version = ecosystem.scheme.parse(text);
        const outcome = version === undefined ? 'unparseable' : entryAffects(rangesOnly, ecosystem.scheme, version);
        if (outcome === 'affected') tally.agreed++;
        else tally.misses.push({ record: record.id, package: entry.package.name, version: text, outcome });
      }
    }
  }
  return tally;
}

describe('OSV versions lists agree with their ECOSYSTEM ranges (PyPI, Maven)', () => {
  const tallies = new Map<string, Tally>();
  before(async () => {
    for (const name of ['PyPI', 'Maven'] as const) tallies.set(name, await evaluate(name));
  });

  after(() => {
    let listed = 0;
    let agreed = 0;
    for (const [name, t] of tallies) {
      listed += t.listed;
      agreed += t.agreed;
      process.stdout.write(`\n    ${name}: ${t.agreed.toLocaleString('en')} / ${t.listed.toLocaleString('en')} listed versions matched by the ranges alone (${((100 * t.agreed) / t.listed).toFixed(3)}%), ${t.records} records, ${t.misses.length} known misses`);
    }
    if (listed) process.stdout.write(`\n    all: ${agreed.toLocaleString('en')} / ${listed.toLocaleString('en')} (${((100 * agreed) / listed).toFixed(3)}%)\n`);
  });

  it('reads the whole corpus: ~2,600 PyPI and ~350 Maven records with lists and ranges', () => {
    assert.ok(tallies.get('PyPI')!.records >= 2600, `PyPI records: ${tallies.get('PyPI')!.records}`);
    assert.ok(tallies.get('Maven')!.records >= 350, `Maven records: ${tallies.get('Maven')!.records}`);
    assert.ok(tallies.get('PyPI')!.listed > 140_000);
    assert.ok(tallies.get('Maven')!.listed > 27_000);
  });

  it('every miss is a known, investigated one', () => {
    const known = new Set(KNOWN.map(missKey));
    const unexplained = [...tallies.values()].flatMap((t) => t.misses).filter((m) => !known.has(missKey(m)));
    assert.deepEqual(unexplained, [], 'listed versions the ranges do not match: a bug in a scheme or the matcher, or advisory data to investigate and list');
  });

  it('every known miss still misses (the list stays true)', () => {
    const missing = new Set([...tallies.values()].flatMap((t) => t.misses).map(missKey));
    const nowAgreeing = KNOWN.filter((m) => !missing.has(missKey(m)));
    assert.deepEqual(nowAgreeing, [], 'these listed misses now agree: remove them from versions-list-known-misses.json');
  });

  it('every known miss has a reason', () => {
    for (const m of KNOWN) assert.ok(m.reason.length > 40, `${missKey(m)}: reason too short`);
    assert.equal(new Set(KNOWN.map(missKey)).size, KNOWN.length, 'no duplicates');
  });

  it('the reasons say which misses are versions the scheme rejects and which are advisory data', () => {
    // Checked against pip's packaging 26.2 when the list was made: every rejected one raised InvalidVersion,
    // and packaging, evaluating the same ranges, missed exactly the same 117 PyPI versions.
    const rejected = new Set([...tallies.values()].flatMap((t) => t.misses).filter((m) => m.outcome === 'unparseable').map(missKey));
    for (const m of KNOWN) assert.equal(m.reason.includes('not a PEP 440 version'), rejected.has(missKey(m)), missKey(m));
    assert.equal(rejected.size, 108);
  });
});
