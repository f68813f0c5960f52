import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createLocalSource, NAMED_UNREADABLE } from '../../../server/src/osv/local-source';
import { readRecordDirs } from '../../support/osv-server';
import { tempDirs } from '../store/temp-store';

const NPM_RECORDS = path.resolve(__dirname, '../../fixtures/osv-server/records/npm');
const MALFORMED = path.resolve(__dirname, '../../fixtures/osv-server/malformed');
const LODASH = [{ ecosystem: 'npm' as const, name: 'lodash' }];

/** Offline OSV data (`--osv-data`, `chainsight.osv.offlineData`) says what it could and could not read. */
describe('osv/local-source honesty', () => {
  const dirs = tempDirs();
  afterEach(() => dirs.cleanup());

  it('an empty folder is an error naming the folder, never "no known vulnerabilities"', async () => {
    const dir = dirs.make();
    const { status } = await createLocalSource(dir).recordsFor(LODASH);
    assert.equal(status.incomplete, true);
    assert.equal(status.error, `no OSV records in ${dir}: expected <ID>.json files or an OSV all.zip`);
    assert.equal(status.dataTime, undefined, 'no fresh-looking data time');
  });

  it('a folder of malformed files only is an error that names them', async () => {
    const dir = dirs.make();
    cpSync(MALFORMED, dir, { recursive: true });
    const { status } = await createLocalSource(dir).recordsFor(LODASH);
    assert.equal(status.incomplete, true);
    assert.match(status.error ?? '', new RegExp(`^no usable OSV record in ${dir.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}: 4 unreadable files \\(`));
    for (const name of ['array.json', 'no-id.json', 'not-json.json', 'range-without-events.json']) assert.match(status.error ?? '', new RegExp(name.replace('.', '\\.')));
    assert.deepEqual(status.unreadable, { files: ['array.json', 'no-id.json', 'not-json.json', 'range-without-events.json'].map((f) => path.join(dir, f)), count: 4 });
  });

  it('some malformed files: the records are used, the others named (first ten, and a count)', async () => {
    const dir = dirs.make();
    cpSync(NPM_RECORDS, dir, { recursive: true });
    for (let i = 0; i < NAMED_UNREADABLE + 2; i++) writeFileSync(path.join(dir, `BROKEN-${String(i).padStart(2, '0')}.json`), '{');
    const { status, records } = await createLocalSource(dir).recordsFor(LODASH);
    assert.equal(status.incomplete, false);
    assert.ok((records.get('npm:lodash') ?? []).length > 0);
    assert.equal(status.unreadable?.count, NAMED_UNREADABLE + 2);
    assert.equal(status.unreadable?.files.length, NAMED_UNREADABLE);
    assert.equal(status.unreadable?.files[0], path.join(dir, 'BROKEN-00.json'));
    assert.match(status.error ?? '', /^skipped 12 unreadable files \(.*BROKEN-00\.json: not valid JSON.*; and 2 more\)$/);
    assert.match(status.description, /, 12 unreadable$/);
  });

  it("the data time is the export's newest record, not the time it was read", async () => {
    const dir = dirs.make();
    mkdirSync(dir, { recursive: true });
    cpSync(NPM_RECORDS, dir, { recursive: true });
    const newest = readRecordDirs(NPM_RECORDS).map((r) => r.modified).sort().pop()!;
    const { status } = await createLocalSource(dir).recordsFor(LODASH);
    assert.equal(status.dataTime, Date.parse(newest));
  });
});
