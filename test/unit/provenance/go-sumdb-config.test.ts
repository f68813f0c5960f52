import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goSumLines } from '../../../server/src/provenance/go/go-sum-subjects';
import { escapePath } from '../../../server/src/provenance/go/sumdb-client';
import { SUM_GOLANG_ORG_KEY, matchesPrefix, sumdbConfigFor } from '../../../server/src/provenance/go/sumdb-config';

const TEST_KEY = 'localhost.localdev/sumdb+00000c67+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6';

describe('provenance/go: which checksum database, as the go command decides', () => {
  let home: string;
  before(() => {
    home = mkdtempSync(join(tmpdir(), 'chainsight-goenv-'));
    writeFileSync(join(home, 'env'), `GOPRIVATE=corp.example\nGOSUMDB=${TEST_KEY} https://from-go-env.example\n`);
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  const ROWS: Array<{ name: string; env: NodeJS.ProcessEnv; override?: string; module?: string; want: string | RegExp }> = [
    { name: 'defaults: sum.golang.org through proxy.golang.org', env: {}, want: `${SUM_GOLANG_ORG_KEY} https://proxy.golang.org/sumdb/sum.golang.org` },
    { name: 'GOPROXY=direct: sum.golang.org itself', env: { GOPROXY: 'direct' }, want: `${SUM_GOLANG_ORG_KEY} https://sum.golang.org` },
    { name: 'an internal GOPROXY mirrors the database', env: { GOPROXY: 'https://goproxy.corp.example,direct' }, want: `${SUM_GOLANG_ORG_KEY} https://goproxy.corp.example/sumdb/sum.golang.org` },
    { name: 'GOSUMDB with a key and a URL', env: { GOSUMDB: `${TEST_KEY} http://127.0.0.1:9/` }, want: `${TEST_KEY} http://127.0.0.1:9` },
    { name: 'GOSUMDB=sum.golang.google.cn: the same key, its own URL', env: { GOSUMDB: 'sum.golang.google.cn', GOPROXY: 'direct' }, want: `${SUM_GOLANG_ORG_KEY} https://sum.golang.google.cn` },
    { name: 'GOSUMDB=off', env: { GOSUMDB: 'off' }, want: /^off GOSUMDB=off/ },
    { name: 'GONOSUMCHECK=1', env: { GONOSUMCHECK: '1' }, want: /^off GONOSUMCHECK=1/ },
    { name: 'GOFLAGS=-insecure', env: { GOFLAGS: '-mod=mod -insecure' }, want: /^off GOFLAGS=-insecure/ },
    { name: 'GOPRIVATE matches a path prefix', env: { GOPRIVATE: 'github.com/acme/*,corp.example' }, module: 'github.com/acme/secret/v2', want: /^off a private module \(GOPRIVATE github\.com\/acme\/\*\)/ },
    { name: 'GONOSUMDB too', env: { GONOSUMDB: 'corp.example' }, module: 'corp.example/lib', want: /^off a private module \(GONOSUMDB corp\.example\)/ },
    { name: 'a glob matches whole path elements only', env: { GOPRIVATE: 'github.com/acme' }, module: 'github.com/acmeco/lib', want: `${SUM_GOLANG_ORG_KEY} https://proxy.golang.org/sumdb/sum.golang.org` },
    { name: "the user's go env file", env: { GOENV: 'FILE' }, module: 'corp.example/x', want: /^off a private module \(GOPRIVATE corp\.example\)/ },
    { name: "the user's go env file's GOSUMDB", env: { GOENV: 'FILE' }, want: `${TEST_KEY} https://from-go-env.example` },
    { name: '--sumdb overrides GOSUMDB, direct', env: { GOSUMDB: 'off' }, override: 'sum.golang.org', want: `${SUM_GOLANG_ORG_KEY} https://sum.golang.org` },
    { name: 'an unusable GOSUMDB', env: { GOSUMDB: 'not-a-key' }, want: /^off not-a-key is not a checksum database/ },
  ];
  for (const row of ROWS) {
    it(row.name, () => {
      const env = { ...row.env, ...(row.env.GOENV === 'FILE' ? { GOENV: join(home, 'env') } : { GOENV: 'off' }) };
      const config = sumdbConfigFor({ path: '/w/go.sum', trusted: false, env, home, ...(row.override ? { override: row.override } : {}) });
      const got = config(row.module ?? 'github.com/gohugoio/hugo');
      if (typeof row.want === 'string') assert.equal(got, row.want);
      else assert.match(got, row.want);
    });
  }

  it('module prefix patterns as module.MatchPrefixPatterns', () => {
    assert.equal(matchesPrefix('*.corp.example', 'git.corp.example/a/b'), true);
    assert.equal(matchesPrefix('github.com/*/private', 'github.com/acme/private/x'), true);
    assert.equal(matchesPrefix('github.com/*/private', 'github.com/acme/public'), false);
  });

  it('escapes module paths and reads go.sum lines', () => {
    assert.equal(escapePath('github.com/BurntSushi/toml'), 'github.com/!burnt!sushi/toml');
    const lines = goSumLines('rsc.io/sampler v1.3.0 h1:7uVkIFmeBqHfdjD+gZwtXXI+RODJ2Wc4O7MPEh/QiW4=\nrsc.io/sampler v1.3.0/go.mod h1:T1hPZKmBbMNahiBKFy5HrXp6adAjACjK9JXDnKaTXpA=\nnot a line\n');
    assert.deepEqual(lines.get('rsc.io/sampler@1.3.0'), [{ hash: 'h1:7uVkIFmeBqHfdjD+gZwtXXI+RODJ2Wc4O7MPEh/QiW4=' }, { name: '/go.mod', hash: 'h1:T1hPZKmBbMNahiBKFy5HrXp6adAjACjK9JXDnKaTXpA=' }]);
  });
});
