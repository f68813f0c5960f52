import assert from 'node:assert/strict';
import type { EcosystemName } from '../../../server/src/core/package';
import { defaultStorePath } from '../../../server/src/store/default-path';
import { purlFor } from '../../../server/src/osv/purl';

describe('store/purl', () => {
  const cases: Array<{ ecosystem: EcosystemName; name: string; want: string }> = [
    { ecosystem: 'npm', name: 'lodash', want: 'pkg:npm/lodash' },
    { ecosystem: 'npm', name: '@babel/core', want: 'pkg:npm/%40babel/core' },
    { ecosystem: 'npm', name: 'JSONStream', want: 'pkg:npm/JSONStream' },
    { ecosystem: 'PyPI', name: 'Django', want: 'pkg:pypi/django' },
    { ecosystem: 'PyPI', name: 'zope.interface', want: 'pkg:pypi/zope-interface' },
    { ecosystem: 'PyPI', name: 'typing__extensions', want: 'pkg:pypi/typing-extensions' },
    { ecosystem: 'Go', name: 'github.com/gin-gonic/gin', want: 'pkg:golang/github.com/gin-gonic/gin' },
    { ecosystem: 'crates.io', name: 'tokio', want: 'pkg:cargo/tokio' },
    { ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core', want: 'pkg:maven/org.apache.logging.log4j/log4j-core' },
    { ecosystem: 'RubyGems', name: 'rails', want: 'pkg:gem/rails' },
    { ecosystem: 'Packagist', name: 'Symfony/HTTP-Kernel', want: 'pkg:composer/symfony/http-kernel' },
    { ecosystem: 'NuGet', name: 'Newtonsoft.Json', want: 'pkg:nuget/newtonsoft.json' },
    { ecosystem: 'Pub', name: 'http', want: 'pkg:pub/http' },
    { ecosystem: 'Hex', name: 'Plug', want: 'pkg:hex/plug' },
  ];
  for (const c of cases) it(`${c.ecosystem} ${c.name}`, () => assert.equal(purlFor(c.ecosystem, c.name), c.want));

  describe('defaultStorePath', () => {
    const rows: Array<{ name: string; env: NodeJS.ProcessEnv; want: string }> = [
      { name: 'home cache', env: {}, want: '/home/u/.cache/chainsight/chainsight.db' },
      { name: 'CHAINSIGHT_STORE wins', env: { CHAINSIGHT_STORE: '/data/cs.db', XDG_CACHE_HOME: '/x' }, want: '/data/cs.db' },
      { name: 'XDG_CACHE_HOME', env: { XDG_CACHE_HOME: '/x' }, want: '/x/chainsight/chainsight.db' },
      { name: 'relative XDG_CACHE_HOME ignored', env: { XDG_CACHE_HOME: 'rel' }, want: '/home/u/.cache/chainsight/chainsight.db' },
    ];
    for (const row of rows) it(row.name, () => assert.equal(defaultStorePath(row.env, '/home/u'), row.want));
  });
});
