import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { npmEcosystem } from '../../../server/src/ecosystems/npm';
import { recordAffects } from '../../../server/src/osv/match';
import type { OsvRecord } from '../../../server/src/osv/types';

const record = (id: string): OsvRecord => JSON.parse(readFileSync(join(__dirname, '../../fixtures/osv-npm', `${id}.json`), 'utf8')) as OsvRecord;

/** Real npm records, chosen for their awkward shapes, against versions on both sides of each edge. */
const TABLE: Array<{ name: string; record: string; pkg: string; version: string; want: 'affected' | 'unaffected' }> = [
  { name: 'fixed is exclusive', record: 'GHSA-35jh-r3h4-6jhm', pkg: 'lodash', version: '4.17.20', want: 'affected' },
  { name: 'the fixed version itself is safe', record: 'GHSA-35jh-r3h4-6jhm', pkg: 'lodash', version: '4.17.21', want: 'unaffected' },
  { name: 'introduced "0" covers the first release', record: 'GHSA-35jh-r3h4-6jhm', pkg: 'lodash', version: '0.1.0', want: 'affected' },
  { name: 'a package the record does not name', record: 'GHSA-35jh-r3h4-6jhm', pkg: 'underscore', version: '1.0.0', want: 'unaffected' },
  { name: 'last_affected is inclusive', record: 'GHSA-w573-4hg7-7wgq', pkg: 'decode-uri-component', version: '0.2.0', want: 'affected' },
  { name: 'above last_affected is safe', record: 'GHSA-w573-4hg7-7wgq', pkg: 'decode-uri-component', version: '0.2.1', want: 'unaffected' },
  { name: 'introduced "1.0" means 1.0.0 (node-fetch)', record: 'GHSA-r683-j2x4-v87g', pkg: 'node-fetch', version: '1.0.0', want: 'affected' },
  { name: 'second range of node-fetch', record: 'GHSA-r683-j2x4-v87g', pkg: 'node-fetch', version: '2.6.6', want: 'affected' },
  { name: 'node-fetch fixed in 2.6.7 for the 2.x line', record: 'GHSA-r683-j2x4-v87g', pkg: 'node-fetch', version: '2.6.7', want: 'affected' },
  { name: 'node-fetch 3.1.1 is fixed', record: 'GHSA-r683-j2x4-v87g', pkg: 'node-fetch', version: '3.1.1', want: 'unaffected' },
  { name: 'several ranges: a gap between them', record: 'GHSA-93q8-gq69-wqmw', pkg: 'ansi-regex', version: '5.0.1', want: 'unaffected' },
  { name: 'several ranges: inside the second', record: 'GHSA-93q8-gq69-wqmw', pkg: 'ansi-regex', version: '5.0.0', want: 'affected' },
  { name: 'several ranges: below all of them', record: 'GHSA-93q8-gq69-wqmw', pkg: 'ansi-regex', version: '2.1.1', want: 'unaffected' },
  { name: 'explicit versions list (ua-parser-js malware)', record: 'GHSA-pjwm-rvh2-c87w', pkg: 'ua-parser-js', version: '0.7.29', want: 'affected' },
  { name: 'outside the malware versions', record: 'GHSA-pjwm-rvh2-c87w', pkg: 'ua-parser-js', version: '0.7.28', want: 'unaffected' },
  { name: 'prerelease ordering inside a range', record: 'GHSA-rv95-896h-c2vc', pkg: 'express', version: '5.0.0-beta.1', want: 'affected' },
  { name: 'prerelease at the fix', record: 'GHSA-rv95-896h-c2vc', pkg: 'express', version: '5.0.0-beta.3', want: 'unaffected' },
  { name: 'malicious package with a versions list', record: 'MAL-2025-46974', pkg: 'debug', version: '4.4.2', want: 'affected' },
  { name: 'malicious package, clean version', record: 'MAL-2025-46974', pkg: 'debug', version: '4.4.1', want: 'unaffected' },
  { name: 'a record for several npm packages (second package)', record: 'GHSA-8hfj-j24r-96c4', pkg: 'moment', version: '2.15.1', want: 'affected' },
  { name: 'a version with build metadata orders as without it', record: 'GHSA-35jh-r3h4-6jhm', pkg: 'lodash', version: '4.17.21+build.1', want: 'unaffected' },
];

describe('osv/match on real npm records', () => {
  for (const row of TABLE) {
    it(`${row.name}: ${row.pkg}@${row.version} ${row.want}`, () => {
      const version = npmEcosystem.scheme.parse(row.version);
      assert.notEqual(version, undefined);
      assert.equal(recordAffects(record(row.record), npmEcosystem, row.pkg, version), row.want);
    });
  }

  it('does not guess when a range version cannot be parsed', () => {
    const broken: OsvRecord = { id: 'X-1', modified: '', affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: 'not a version' }] }] }] };
    assert.equal(recordAffects(broken, npmEcosystem, 'a', npmEcosystem.scheme.parse('1.0.0')), 'unknown');
  });

  it('skips GIT ranges: they order commits, not versions', () => {
    const git: OsvRecord = { id: 'X-2', modified: '', affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: [{ type: 'GIT', repo: 'https://example.com/a', events: [{ introduced: '0' }] }] }] };
    assert.equal(recordAffects(git, npmEcosystem, 'a', npmEcosystem.scheme.parse('1.0.0')), 'unaffected');
  });

  it('applies limit as an upper bound', () => {
    const limited: OsvRecord = { id: 'X-3', modified: '', affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { limit: '2.0.0' }] }] }] };
    const at = (v: string) => recordAffects(limited, npmEcosystem, 'a', npmEcosystem.scheme.parse(v));
    assert.equal(at('1.5.0'), 'affected');
    assert.equal(at('2.0.0'), 'unaffected');
  });
});
