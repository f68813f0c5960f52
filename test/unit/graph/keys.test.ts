import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PackageURL } from 'packageurl-js';
import type { EcosystemName } from '../../../server/src/core/package';
import { ecosystemByName } from '../../../server/src/ecosystems';
import { packageKey, packageKeyFor } from '../../../server/src/graph/purls';
import { sourceFromUrl, withoutCredentials } from '../../../server/src/graph/source-url';
import { versionInRange } from '../../../server/src/graph/version-match';
import { STORE_FIXTURES } from './store-fixture';

describe('graph/keys: purls, sources and ranges', () => {
  it('reads every purl of the fixture SBOMs to packageurl-js\'s canonical form (the quick path included)', () => {
    const folder = path.join(STORE_FIXTURES, 'sbom');
    let count = 0;
    for (const file of readdirSync(folder)) {
      for (const m of readFileSync(path.join(folder, file), 'utf8').matchAll(/"(pkg:[^"]+)"/g)) {
        count++;
        let canonical: string | undefined;
        try {
          canonical = PackageURL.fromString(m[1]!).toString();
        } catch {
          canonical = undefined;
        }
        assert.equal(packageKey(m[1]!)?.purl, canonical, m[1]);
      }
    }
    assert.ok(count > 1500);
  });

  const PURLS: Array<{ purl: string; want: { purl: string; base: string; nameKey: string; version: string } | undefined }> = [
    { purl: 'pkg:npm/%40babel/core@7.1.0', want: { purl: 'pkg:npm/%40babel/core@7.1.0', base: 'pkg:npm/%40babel/core', nameKey: '@babel/core', version: '7.1.0' } },
    { purl: 'pkg:npm/Lodash@4.17.4', want: { purl: 'pkg:npm/lodash@4.17.4', base: 'pkg:npm/lodash', nameKey: 'lodash', version: '4.17.4' } },
    { purl: 'pkg:pypi/Django_Rest@3.0', want: { purl: 'pkg:pypi/django-rest@3.0', base: 'pkg:pypi/django-rest', nameKey: 'django-rest', version: '3.0' } },
    { purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.8.1?type=jar', want: { purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.8.1?type=jar', base: 'pkg:maven/org.apache.logging.log4j/log4j-core', nameKey: 'org.apache.logging.log4j:log4j-core', version: '2.8.1' } },
    { purl: 'pkg:nuget/Newtonsoft.Json@13.0.1', want: { purl: 'pkg:nuget/Newtonsoft.Json@13.0.1', base: 'pkg:nuget/newtonsoft.json', nameKey: 'newtonsoft.json', version: '13.0.1' } },
    { purl: 'pkg:apk/alpine/git@2.38.1-r0?arch=x86_64', want: { purl: 'pkg:apk/alpine/git@2.38.1-r0?arch=x86_64', base: 'pkg:apk/alpine/git', nameKey: 'alpine/git', version: '2.38.1-r0' } },
    { purl: 'pkg:golang/github.com/x/y@v1.2.3%2Bincompatible', want: { purl: 'pkg:golang/github.com/x/y@v1.2.3+incompatible', base: 'pkg:golang/github.com/x/y', nameKey: 'github.com/x/y', version: 'v1.2.3+incompatible' } },
    { purl: 'not a purl', want: undefined },
    { purl: 'pkg:npm/', want: undefined },
  ];
  for (const row of PURLS) {
    it(`purl ${row.purl}`, () => {
      const key = packageKey(row.purl);
      assert.deepEqual(key && { purl: key.purl, base: key.base, nameKey: key.nameKey, version: key.version }, row.want);
    });
  }

  it('keys a lockfile package exactly as packageurl-js keys its purl, in every ecosystem', () => {
    const cases: Array<[EcosystemName, string, string]> = [['npm', '@babel/core', '7.1.0'], ['PyPI', 'django-rest', '1.0'], ['Go', 'github.com/BurntSushi/toml', 'v1.0.0'], ['crates.io', 'serde', '1.0.0'], ['Maven', 'org.apache:commons-text', '1.10.0'], ['RubyGems', 'rails', '7.0.0'], ['Packagist', 'laravel/framework', 'v7.12.0'], ['NuGet', 'Newtonsoft.Json', '13.0.1'], ['Pub', 'http', '1.0.0'], ['Hex', 'phoenix', '1.7.0']];
    for (const [ecosystem, name, version] of cases) {
      const fast = packageKeyFor(ecosystem, name, version)!;
      const parsed = packageKey(ecosystemByName(ecosystem)!.purl(name, version))!;
      assert.deepEqual([fast.purl, fast.base, fast.nameKey, fast.namespace, fast.version], [parsed.purl, parsed.base, parsed.nameKey, parsed.namespace, parsed.version], ecosystem);
    }
  });

  const SOURCES: Array<[string, string | undefined]> = [
    ['git+https://github.com/babel/babel.git#packages/babel-core', 'git github.com/babel babel'],
    ['git@github.com:acme/app.git', 'git github.com/acme app'],
    ['https://ci:ghp_token@github.com/acme/app', 'git github.com/acme app'],
    ['ssh://git@gitlab.example.com:2222/group/sub/app.git', 'git gitlab.example.com/group/sub app'],
    ['git+https://github.com/sigstore/sigstore-js@refs/tags/v1.0.0', 'git github.com/sigstore sigstore-js tag=v1.0.0'],
    ['git://github.com/a/b.git#06528997c3c8ab9f864fad9a3658446aca7fd86d', 'git github.com/a b commit=06528997c3c8ab9f864fad9a3658446aca7fd86d'],
    ['https://github.com', undefined],
    ['not a url', undefined],
  ];
  for (const [url, want] of SOURCES) {
    it(`source ${url}`, () => {
      const src = sourceFromUrl(url);
      assert.equal(src && [src.type, src.namespace, src.name, ...(src.tag ? [`tag=${src.tag}`] : []), ...(src.commit ? [`commit=${src.commit}`] : [])].join(' '), want);
    });
  }

  it('never keeps credentials of a remote', () => {
    assert.equal(withoutCredentials('https://x-access-token:ghs_abc@github.com/acme/app.git'), 'https://github.com/acme/app.git');
    assert.equal(withoutCredentials('git@github.com:acme/app.git'), 'git@github.com:acme/app.git');
  });

  const RANGES: Array<[EcosystemName, string, string, boolean]> = [
    ['npm', '4.17.4', '^4.17.0', true],
    ['npm', '4.17.4', '<4.17.4', false],
    ['npm', '4.17.4', '4.17.4', true],
    ['PyPI', '2.0', '>=2,<3', true],
    ['PyPI', '2.0', '==2.0.0', true],
    ['PyPI', '3.1', '~=2.0', false],
    ['Maven', '2.10.0', '[2.10,2.11)', true],
    ['Maven', '2.11.0', '[2.10,2.11)', false],
    ['Go', 'v1.2.1', '>=1.2.0 <1.3.0', true],
    ['Go', 'v1.2.1', 'v1.2.1', true],
    ['Go', 'v1.2.1', '<1.2.0', false],
    ['Hex', '1.7.0', '>= 1.6.0, < 2.0.0', true],
    ['RubyGems', '7.0.1', '~> 7.0', true],
  ];
  for (const [ecosystem, version, range, want] of RANGES) {
    it(`range ${ecosystem} ${version} in "${range}": ${want}`, () => {
      assert.equal(versionInRange(ecosystemByName(ecosystem), version, range), want);
    });
  }
});
