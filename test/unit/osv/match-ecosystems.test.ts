import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assessPackage } from '../../../server/src/analysis/assess-package';
import { packageKey } from '../../../server/src/core/package';
import { ecosystemByName } from '../../../server/src/ecosystems';
import type { Ecosystem } from '../../../server/src/ecosystems/types';
import { createLocalSource } from '../../../server/src/osv/local-source';
import { recordAffects } from '../../../server/src/osv/match';
import { parseRecord, readRecordFiles } from '../../../server/src/osv/record-files';
import { RecordIndex } from '../../../server/src/osv/record-index';
import type { OsvRecord } from '../../../server/src/osv/types';

const CORPUS = join(__dirname, '../../fixtures/osv-corpus');

/** Every record the table names: single files, the SYNTHETIC ones, and the PyPI and Maven zips. */
async function loadRecords(): Promise<Map<string, OsvRecord>> {
  const byId = new Map<string, OsvRecord>();
  for (const location of ['records', 'synthetic', 'PyPI.zip', 'Maven.zip']) {
    for await (const file of readRecordFiles(join(CORPUS, location))) {
      const parsed = parseRecord(file);
      if ('error' in parsed) throw new Error(parsed.error);
      byId.set(parsed.record.id, parsed.record);
    }
  }
  return byId;
}

const ecosystem = (name: string): Ecosystem => {
  const found = ecosystemByName(name);
  if (!found) throw new Error(`no ecosystem ${name}`);
  return found;
};

type Want = 'affected' | 'unaffected';

/**
 * Real records (SYNTHETIC-* only where the corpus has no record of that shape; see NOTICE.md), each
 * edge tried on both sides. `package` is spelled as the user's file writes it: the matcher is
 * handed that spelling, as the analysis hands it over.
 */
const TABLE: Array<{ name: string; record: string; ecosystem: string; package: string; version: string; want: Want }> = [
  // PyPI: post-releases, both spellings
  { name: 'fixed 1.6.5.post1: the release before it is affected', record: 'PYSEC-2012-1', ecosystem: 'PyPI', package: 'beaker', version: '1.6.5.post0', want: 'affected' },
  { name: 'fixed 1.6.5.post1: the fix itself', record: 'PYSEC-2012-1', ecosystem: 'PyPI', package: 'beaker', version: '1.6.5.post1', want: 'unaffected' },
  { name: '1.6.5-1 is another spelling of 1.6.5.post1', record: 'PYSEC-2012-1', ecosystem: 'PyPI', package: 'Beaker', version: '1.6.5-1', want: 'unaffected' },
  { name: 'a local version sits above its public version and below the next post', record: 'PYSEC-2012-1', ecosystem: 'PyPI', package: 'beaker', version: '1.6.5+ubuntu1', want: 'affected' },
  { name: 'fixed 1.5.0.post0: 1.5.0 is below its post0', record: 'PYSEC-2022-300', ecosystem: 'PyPI', package: 'label-studio', version: '1.5.0', want: 'affected' },
  { name: 'fixed 1.5.0.post0: .post alone means post0', record: 'PYSEC-2022-300', ecosystem: 'PyPI', package: 'label-studio', version: '1.5.0.post', want: 'unaffected' },
  { name: 'introduced 0.1.2-1 (post1): the release before', record: 'PYSEC-2022-199', ecosystem: 'PyPI', package: 'ctx', version: '0.1.2', want: 'unaffected' },
  { name: 'introduced 0.1.2-1 (post1): spelled .post1', record: 'PYSEC-2022-199', ecosystem: 'PyPI', package: 'ctx', version: '0.1.2.post1', want: 'affected' },
  // PyPI: epochs
  { name: 'an epoch 1 version is above every epoch 0 fix', record: 'PYSEC-2012-1', ecosystem: 'PyPI', package: 'beaker', version: '1!0.1', want: 'unaffected' },
  { name: 'an explicit epoch 0 is the default epoch', record: 'PYSEC-2012-1', ecosystem: 'PyPI', package: 'beaker', version: '0!1.6.4', want: 'affected' },
  // PyPI: pre and dev releases (django 1.7a0 .. 1.7b4, none of them in the versions list)
  { name: 'a dev release sorts below the first alpha', record: 'PYSEC-2014-19', ecosystem: 'PyPI', package: 'Django', version: '1.7.dev0', want: 'unaffected' },
  { name: 'introduced 1.7a0 is inclusive', record: 'PYSEC-2014-19', ecosystem: 'PyPI', package: 'Django', version: '1.7a0', want: 'affected' },
  { name: 'a dev release of a later alpha', record: 'PYSEC-2014-19', ecosystem: 'PyPI', package: 'Django', version: '1.7a1.dev1', want: 'affected' },
  { name: 'the dev release of the fixing beta is still below it', record: 'PYSEC-2014-19', ecosystem: 'PyPI', package: 'django', version: '1.7b4.dev0', want: 'affected' },
  { name: 'fixed 1.7b4', record: 'PYSEC-2014-19', ecosystem: 'PyPI', package: 'django', version: '1.7b4', want: 'unaffected' },
  { name: 'a release candidate above the fixing beta', record: 'PYSEC-2014-19', ecosystem: 'PyPI', package: 'django', version: '1.7rc1', want: 'unaffected' },
  { name: 'a gap between two intervals (1.6.5 .. 1.7a0)', record: 'PYSEC-2014-19', ecosystem: 'PyPI', package: 'django', version: '1.6.5', want: 'unaffected' },
  { name: 'fixed 3.10.0a1: a dev release of 3.10.0 is below its alphas', record: 'PYSEC-2010-27', ecosystem: 'PyPI', package: 'ZODB3', version: '3.10.0.dev5', want: 'affected' },
  { name: 'fixed 3.10.0a1: the fixing alpha', record: 'PYSEC-2010-27', ecosystem: 'PyPI', package: 'ZODB3', version: '3.10.0a1', want: 'unaffected' },
  // PyPI: name normalisation (PEP 503) and local versions
  { name: 'PEP 503: underscores', record: 'PYSEC-2021-10', ecosystem: 'PyPI', package: 'django_debug_toolbar', version: '2.0.1', want: 'affected' },
  { name: 'PEP 503: dots and capitals', record: 'PYSEC-2021-10', ecosystem: 'PyPI', package: 'Django.Debug.Toolbar', version: '2.2.1', want: 'unaffected' },
  { name: 'a local build of an affected version', record: 'PYSEC-2021-10', ecosystem: 'PyPI', package: 'django-debug-toolbar', version: '3.2.0+corp.1', want: 'affected' },
  { name: 'a local build of the fix', record: 'PYSEC-2021-10', ecosystem: 'PyPI', package: 'django-debug-toolbar', version: '3.2.1+corp.1', want: 'unaffected' },
  { name: 'PEP 503: a record that names jw.util, installed as jw-util', record: 'PYSEC-2020-341', ecosystem: 'PyPI', package: 'jw-util', version: '2.2.post1', want: 'affected' },
  { name: 'PEP 503: jw_util at the fix', record: 'PYSEC-2020-341', ecosystem: 'PyPI', package: 'jw_util', version: '2.3', want: 'unaffected' },
  { name: 'a record with a GIT range beside its ECOSYSTEM range: the ECOSYSTEM range decides', record: 'PYSEC-2021-45', ecosystem: 'PyPI', package: 'Products.PluggableAuthService', version: '2.6.0.post1', want: 'affected' },
  { name: 'GIT beside ECOSYSTEM: at the fix', record: 'PYSEC-2021-45', ecosystem: 'PyPI', package: 'Products.PluggableAuthService', version: '2.6.1', want: 'unaffected' },
  { name: 'last_affected 1.11.0 is inclusive', record: 'PYSEC-2022-42969', ecosystem: 'PyPI', package: 'py', version: '1.11.0', want: 'affected' },
  { name: 'above last_affected', record: 'PYSEC-2022-42969', ecosystem: 'PyPI', package: 'py', version: '1.11.1.dev0', want: 'unaffected' },
  { name: 'malicious package: the listed version', record: 'MAL-2024-10238', ecosystem: 'PyPI', package: '123bla', version: '0.0.1', want: 'affected' },
  { name: 'malicious package: another version', record: 'MAL-2024-10238', ecosystem: 'PyPI', package: '123bla', version: '0.0.2', want: 'unaffected' },
  { name: 'limit caps a range from above (SYNTHETIC)', record: 'SYNTHETIC-LIMIT-0001', ecosystem: 'PyPI', package: 'example-limit-package', version: '2.0.dev0', want: 'affected' },
  { name: 'limit is exclusive (SYNTHETIC)', record: 'SYNTHETIC-LIMIT-0001', ecosystem: 'PyPI', package: 'example-limit-package', version: '2.0', want: 'unaffected' },
  { name: 'limit "*" means no limit (SYNTHETIC)', record: 'SYNTHETIC-LIMIT-0001', ecosystem: 'PyPI', package: 'example-limit-package', version: '99.0', want: 'affected' },
  { name: 'below the second introduced, above the first limit (SYNTHETIC)', record: 'SYNTHETIC-LIMIT-0001', ecosystem: 'PyPI', package: 'example-limit-package', version: '2.99', want: 'unaffected' },

  // Go: pseudo-versions, +incompatible, stdlib and toolchain, major-version paths
  { name: 'introduced "0" covers an untagged pseudo-version below v0.0.0', record: 'GO-2021-0053', ecosystem: 'Go', package: 'github.com/gogo/protobuf', version: 'v0.0.0-20180101000000-0123456789ab', want: 'affected' },
  { name: 'a pseudo-version just before the fixing tag', record: 'GO-2021-0053', ecosystem: 'Go', package: 'github.com/gogo/protobuf', version: 'v1.3.2-0.20201101000000-0123456789ab', want: 'affected' },
  { name: 'a pseudo-version after the fixing tag', record: 'GO-2021-0053', ecosystem: 'Go', package: 'github.com/gogo/protobuf', version: 'v1.3.3-0.20210101000000-0123456789ab', want: 'unaffected' },
  { name: 'fixed at a pseudo-version: an earlier commit on the same base', record: 'GO-2021-0051', ecosystem: 'Go', package: 'github.com/labstack/echo/v4', version: 'v4.1.18-0.20201214000000-aaaaaaaaaaaa', want: 'affected' },
  { name: 'fixed at a pseudo-version: the fixing commit', record: 'GO-2021-0051', ecosystem: 'Go', package: 'github.com/labstack/echo/v4', version: 'v4.1.18-0.20201215153152-4422e3b66b9f', want: 'unaffected' },
  { name: 'fixed at a pseudo-version: the last tag before it', record: 'GO-2021-0051', ecosystem: 'Go', package: 'github.com/labstack/echo/v4', version: 'v4.1.17', want: 'affected' },
  { name: 'the /v4 module is not the v0/v1 module path', record: 'GO-2021-0051', ecosystem: 'Go', package: 'github.com/labstack/echo', version: 'v3.3.10+incompatible', want: 'unaffected' },
  { name: 'introduced at a pseudo-version: an older commit', record: 'GO-2020-0017', ecosystem: 'Go', package: 'github.com/dgrijalva/jwt-go', version: 'v0.0.0-20150101000000-000000000000', want: 'unaffected' },
  { name: 'introduced at a pseudo-version: that commit', record: 'GO-2020-0017', ecosystem: 'Go', package: 'github.com/dgrijalva/jwt-go', version: 'v0.0.0-20150717181359-44718f8a89b0', want: 'affected' },
  { name: 'no fix: every later +incompatible tag', record: 'GO-2020-0017', ecosystem: 'Go', package: 'github.com/dgrijalva/jwt-go', version: 'v3.2.0+incompatible', want: 'affected' },
  { name: '/v4 path, second affected entry: an untagged pseudo-version below the preview', record: 'GO-2020-0017', ecosystem: 'Go', package: 'github.com/dgrijalva/jwt-go/v4', version: 'v4.0.0-20190101000000-abcdefabcdef', want: 'affected' },
  { name: '/v4 path: fixed 4.0.0-preview1', record: 'GO-2020-0017', ecosystem: 'Go', package: 'github.com/dgrijalva/jwt-go/v4', version: 'v4.0.0-preview1', want: 'unaffected' },
  { name: '+incompatible is build metadata: below the fix', record: 'GO-2021-0072', ecosystem: 'Go', package: 'github.com/docker/distribution', version: 'v2.6.2+incompatible', want: 'affected' },
  { name: '+incompatible: at the fix', record: 'GO-2021-0072', ecosystem: 'Go', package: 'github.com/docker/distribution', version: 'v2.7.0-rc.0+incompatible', want: 'unaffected' },
  { name: '+incompatible: the fix without the suffix compares equal', record: 'GO-2021-0072', ecosystem: 'Go', package: 'github.com/docker/distribution', version: 'v2.7.0-rc.0', want: 'unaffected' },
  { name: '+incompatible: a pseudo-version before the fixing pre-release', record: 'GO-2021-0072', ecosystem: 'Go', package: 'github.com/docker/distribution', version: 'v2.7.0-0.20180101000000-abcdefabcdef+incompatible', want: 'affected' },
  { name: 'stdlib: the release before the fix', record: 'GO-2023-1571', ecosystem: 'Go', package: 'stdlib', version: 'go1.19.5', want: 'affected' },
  { name: 'stdlib: the fix', record: 'GO-2023-1571', ecosystem: 'Go', package: 'stdlib', version: 'go1.19.6', want: 'unaffected' },
  { name: 'stdlib: introduced 1.20.0-0 takes the release candidates', record: 'GO-2023-1571', ecosystem: 'Go', package: 'stdlib', version: 'go1.20rc3', want: 'affected' },
  { name: 'stdlib: go1.20 is 1.20.0', record: 'GO-2023-1571', ecosystem: 'Go', package: 'stdlib', version: 'go1.20', want: 'affected' },
  { name: 'stdlib: the second fix', record: 'GO-2023-1571', ecosystem: 'Go', package: 'stdlib', version: 'go1.20.1', want: 'unaffected' },
  { name: 'second package of the record', record: 'GO-2023-1571', ecosystem: 'Go', package: 'golang.org/x/net', version: 'v0.6.0', want: 'affected' },
  { name: 'second package of the record: fixed', record: 'GO-2023-1571', ecosystem: 'Go', package: 'golang.org/x/net', version: 'v0.7.0', want: 'unaffected' },
  { name: 'toolchain: below the first fix', record: 'GO-2021-0068', ecosystem: 'Go', package: 'toolchain', version: 'go1.14.13', want: 'affected' },
  { name: 'toolchain: the first fix', record: 'GO-2021-0068', ecosystem: 'Go', package: 'toolchain', version: 'go1.14.14', want: 'unaffected' },
  { name: 'toolchain: a 1.15 beta is inside 1.15.0-0..', record: 'GO-2021-0068', ecosystem: 'Go', package: 'toolchain', version: 'go1.15beta1', want: 'affected' },
  { name: 'toolchain: the second fix', record: 'GO-2021-0068', ecosystem: 'Go', package: 'toolchain', version: 'go1.15.7', want: 'unaffected' },
  { name: 'a toolchain record says nothing about stdlib', record: 'GO-2021-0068', ecosystem: 'Go', package: 'stdlib', version: 'go1.14.13', want: 'unaffected' },
  { name: 'GIT-only record: not matched by version', record: 'TEST-2026-21', ecosystem: 'Go', package: 'blah.com/package', version: 'v0.1.1', want: 'unaffected' },
  { name: 'a SEMVER range in a multi-ecosystem record, bounds written without v', record: 'GHSA-77rm-9x9h-xj3g', ecosystem: 'Go', package: 'github.com/protocolbuffers/protobuf', version: 'v3.14.0+incompatible', want: 'affected' },

  // crates.io
  { name: 'introduced "0" is below 0.0.0-0', record: 'GHSA-m5pq-gvj9-9vr8', ecosystem: 'crates.io', package: 'regex', version: '0.0.0-0', want: 'affected' },
  { name: 'introduced 0.0.0-0 is inclusive', record: 'RUSTSEC-2022-0013', ecosystem: 'crates.io', package: 'regex', version: '0.0.0-0', want: 'affected' },
  { name: 'regex below the fix', record: 'RUSTSEC-2022-0013', ecosystem: 'crates.io', package: 'regex', version: '1.5.4', want: 'affected' },
  { name: 'regex at the fix', record: 'RUSTSEC-2022-0013', ecosystem: 'crates.io', package: 'regex', version: '1.5.5', want: 'unaffected' },
  { name: 'RustSec x.y.z-0 .. x.y.z intervals take only pre-releases', record: 'RUSTSEC-2020-0071', ecosystem: 'crates.io', package: 'time', version: '0.2.5-alpha.1', want: 'affected' },
  { name: 'RustSec x.y.z-0 .. x.y.z intervals leave the release out', record: 'RUSTSEC-2020-0071', ecosystem: 'crates.io', package: 'time', version: '0.2.5', want: 'unaffected' },
  { name: 'time: the last interval', record: 'RUSTSEC-2020-0071', ecosystem: 'crates.io', package: 'time', version: '0.2.22', want: 'affected' },
  { name: 'time: its fix', record: 'RUSTSEC-2020-0071', ecosystem: 'crates.io', package: 'time', version: '0.2.23', want: 'unaffected' },
  { name: 'two affected entries: introduced "0.1" means 0.1.0', record: 'GHSA-wcg3-cvx6-7396', ecosystem: 'crates.io', package: 'time', version: '0.1.0', want: 'affected' },
  { name: 'two affected entries: below the first', record: 'GHSA-wcg3-cvx6-7396', ecosystem: 'crates.io', package: 'time', version: '0.0.9', want: 'unaffected' },
  { name: 'two affected entries: last_affected "0.2" is 0.2.0, build metadata ignored', record: 'GHSA-wcg3-cvx6-7396', ecosystem: 'crates.io', package: 'time', version: '0.2.0+build.7', want: 'affected' },
  { name: 'two affected entries: between them', record: 'GHSA-wcg3-cvx6-7396', ecosystem: 'crates.io', package: 'time', version: '0.2.1', want: 'unaffected' },
  { name: 'two affected entries: inside the second', record: 'GHSA-wcg3-cvx6-7396', ecosystem: 'crates.io', package: 'time', version: '0.2.7', want: 'affected' },
  { name: 'one entry, two intervals: the 0.6 line', record: 'RUSTSEC-2021-0003', ecosystem: 'crates.io', package: 'smallvec', version: '0.6.13', want: 'affected' },
  { name: 'one entry, two intervals: the 0.6 fix', record: 'RUSTSEC-2021-0003', ecosystem: 'crates.io', package: 'smallvec', version: '0.6.14', want: 'unaffected' },
  { name: 'one entry, two intervals: a 1.0 pre-release is below introduced 1.0.0', record: 'RUSTSEC-2021-0003', ecosystem: 'crates.io', package: 'smallvec', version: '1.0.0-alpha.1', want: 'unaffected' },

  // Maven: group:artifact, qualifiers, versions lists
  { name: 'group:artifact below the fix', record: 'GHSA-599f-7c49-w659', ecosystem: 'Maven', package: 'org.apache.commons:commons-text', version: '1.9', want: 'affected' },
  { name: 'the artifact id alone is another package', record: 'GHSA-599f-7c49-w659', ecosystem: 'Maven', package: 'commons-text', version: '1.9', want: 'unaffected' },
  { name: 'fixed 1.10.0: 1.10 is the same version', record: 'GHSA-599f-7c49-w659', ecosystem: 'Maven', package: 'org.apache.commons:commons-text', version: '1.10', want: 'unaffected' },
  { name: 'fixed 1.10.0: a SNAPSHOT of the fix is before it', record: 'GHSA-599f-7c49-w659', ecosystem: 'Maven', package: 'org.apache.commons:commons-text', version: '1.10.0-SNAPSHOT', want: 'affected' },
  { name: 'fixed 1.10.0: a milestone of the fix', record: 'GHSA-599f-7c49-w659', ecosystem: 'Maven', package: 'org.apache.commons:commons-text', version: '1.10.0-M1', want: 'affected' },
  { name: 'fixed 1.10.0: a release candidate of the fix', record: 'GHSA-599f-7c49-w659', ecosystem: 'Maven', package: 'org.apache.commons:commons-text', version: '1.10.0-rc1', want: 'affected' },
  { name: 'fixed 1.10.0: .RELEASE is the release', record: 'GHSA-599f-7c49-w659', ecosystem: 'Maven', package: 'org.apache.commons:commons-text', version: '1.10.0.RELEASE', want: 'unaffected' },
  { name: 'introduced 1.5: its SNAPSHOT is before it', record: 'GHSA-599f-7c49-w659', ecosystem: 'Maven', package: 'org.apache.commons:commons-text', version: '1.5-SNAPSHOT', want: 'unaffected' },
  { name: 'introduced 1.5: inclusive', record: 'GHSA-599f-7c49-w659', ecosystem: 'Maven', package: 'org.apache.commons:commons-text', version: '1.5', want: 'affected' },
  { name: 'last_affected with a -jre17 qualifier: inclusive', record: 'GHSA-599f-7c49-w659', ecosystem: 'Maven', package: 'com.guicedee.services:commons-text', version: '1.2.2.1-jre17', want: 'affected' },
  { name: 'last_affected with a -jre17 qualifier: the next version', record: 'GHSA-599f-7c49-w659', ecosystem: 'Maven', package: 'com.guicedee.services:commons-text', version: '1.2.2.2', want: 'unaffected' },
  { name: 'a SNAPSHOT listed in the versions list', record: 'GHSA-599f-7c49-w659', ecosystem: 'Maven', package: 'com.guicedee.services:commons-text', version: '1.1.0.8-SNAPSHOT-jre14', want: 'affected' },
  { name: '.Final is the release: below the fix', record: 'GHSA-269q-hmxg-m83q', ecosystem: 'Maven', package: 'io.netty:netty-codec-http', version: '4.1.76.Final', want: 'affected' },
  { name: '.Final is the release: the fix', record: 'GHSA-269q-hmxg-m83q', ecosystem: 'Maven', package: 'io.netty:netty-codec-http', version: '4.1.77.Final', want: 'unaffected' },
  { name: '.Final is the release: the fix without it', record: 'GHSA-269q-hmxg-m83q', ecosystem: 'Maven', package: 'io.netty:netty-codec-http', version: '4.1.77', want: 'unaffected' },
  { name: 'an .Alpha qualifier', record: 'GHSA-269q-hmxg-m83q', ecosystem: 'Maven', package: 'io.netty:netty-codec-http', version: '4.0.0.Alpha1', want: 'affected' },
  { name: 'versions list ORs with the ranges: 9.0.0.M1 is listed, below introduced 9.0.0-M11', record: 'GHSA-f4qf-m5gf-8jm8', ecosystem: 'Maven', package: 'org.apache.tomcat:tomcat-coyote', version: '9.0.0.M1', want: 'affected' },
  { name: 'versions list ORs: 9.0.0.M2 is neither listed nor in range', record: 'GHSA-f4qf-m5gf-8jm8', ecosystem: 'Maven', package: 'org.apache.tomcat:tomcat-coyote', version: '9.0.0.M2', want: 'unaffected' },
  { name: 'introduced 9.0.0-M11 matches the 9.0.0.M11 spelling', record: 'GHSA-f4qf-m5gf-8jm8', ecosystem: 'Maven', package: 'org.apache.tomcat:tomcat-coyote', version: '9.0.0-M11', want: 'affected' },
  { name: 'tomcat-coyote at the fix', record: 'GHSA-f4qf-m5gf-8jm8', ecosystem: 'Maven', package: 'org.apache.tomcat:tomcat-coyote', version: '9.0.44', want: 'unaffected' },
  { name: 'a record for two artifacts: the second', record: 'GHSA-f4qf-m5gf-8jm8', ecosystem: 'Maven', package: 'org.apache.tomcat.embed:tomcat-embed-core', version: '8.5.63', want: 'affected' },
  { name: 'a record for two artifacts: the second is not on the 9.x line', record: 'GHSA-f4qf-m5gf-8jm8', ecosystem: 'Maven', package: 'org.apache.tomcat.embed:tomcat-embed-core', version: '9.0.43', want: 'unaffected' },
  { name: 'a -android flavour: fixed 32.0.0-android', record: 'GHSA-5mg8-w23w-74h3', ecosystem: 'Maven', package: 'com.google.guava:guava', version: '31.1-jre', want: 'affected' },
  { name: 'a -android flavour: the -jre flavour of the fix sorts after it', record: 'GHSA-5mg8-w23w-74h3', ecosystem: 'Maven', package: 'com.google.guava:guava', version: '32.0.0-jre', want: 'unaffected' },

  // RubyGems: four-part Rails releases, pre-releases, several entries for one gem
  { name: 'actionpack: the release before a four-part fix', record: 'GHSA-8xww-x3g3-6jcv', ecosystem: 'RubyGems', package: 'actionpack', version: '6.1.7', want: 'affected' },
  { name: 'actionpack: 6.1.7.0 equals 6.1.7', record: 'GHSA-8xww-x3g3-6jcv', ecosystem: 'RubyGems', package: 'actionpack', version: '6.1.7.0', want: 'affected' },
  { name: 'actionpack: the four-part fix 6.1.7.1', record: 'GHSA-8xww-x3g3-6jcv', ecosystem: 'RubyGems', package: 'actionpack', version: '6.1.7.1', want: 'unaffected' },
  { name: 'actionpack: a pre-release of the fix is below it', record: 'GHSA-8xww-x3g3-6jcv', ecosystem: 'RubyGems', package: 'actionpack', version: '6.1.7.1.rc1', want: 'affected' },
  { name: 'actionpack: another entry, 7.0 line', record: 'GHSA-8xww-x3g3-6jcv', ecosystem: 'RubyGems', package: 'actionpack', version: '7.0.4', want: 'affected' },
  { name: 'actionpack: 7.0.4.1', record: 'GHSA-8xww-x3g3-6jcv', ecosystem: 'RubyGems', package: 'actionpack', version: '7.0.4.1', want: 'unaffected' },
  { name: 'actionpack: 7.0.0.rc1 is below introduced 7.0.0 and above the 6.1 fix', record: 'GHSA-8xww-x3g3-6jcv', ecosystem: 'RubyGems', package: 'actionpack', version: '7.0.0.rc1', want: 'unaffected' },
  { name: 'actionpack: the introduced "0" entry', record: 'GHSA-8xww-x3g3-6jcv', ecosystem: 'RubyGems', package: 'actionpack', version: '5.2.8.14', want: 'affected' },
  { name: 'actionpack: its fix', record: 'GHSA-8xww-x3g3-6jcv', ecosystem: 'RubyGems', package: 'actionpack', version: '5.2.8.15', want: 'unaffected' },
  { name: 'events written out of order are sorted before evaluation', record: 'GHSA-9qj7-jvg4-qr2x', ecosystem: 'RubyGems', package: 'passenger', version: '3.0.20', want: 'affected' },
  { name: 'events out of order: the first fix', record: 'GHSA-9qj7-jvg4-qr2x', ecosystem: 'RubyGems', package: 'passenger', version: '3.0.21', want: 'unaffected' },
  { name: 'events out of order: between the intervals', record: 'GHSA-9qj7-jvg4-qr2x', ecosystem: 'RubyGems', package: 'passenger', version: '4.0.0', want: 'unaffected' },
  { name: 'events out of order: the second interval', record: 'GHSA-9qj7-jvg4-qr2x', ecosystem: 'RubyGems', package: 'passenger', version: '4.0.1', want: 'affected' },

  // NuGet: names compared case-insensitively, as NuGet does
  { name: 'the csproj spelling of the id', record: 'GHSA-5crp-9r3c-p9vr', ecosystem: 'NuGet', package: 'Newtonsoft.Json', version: '12.0.3', want: 'affected' },
  { name: 'the lower-case spelling (global packages folder, some lockfiles)', record: 'GHSA-5crp-9r3c-p9vr', ecosystem: 'NuGet', package: 'newtonsoft.json', version: '12.0.3', want: 'affected' },
  { name: 'a fourth version part below the fix', record: 'GHSA-5crp-9r3c-p9vr', ecosystem: 'NuGet', package: 'Newtonsoft.Json', version: '13.0.0.1', want: 'affected' },
  { name: 'a pre-release of the fix', record: 'GHSA-5crp-9r3c-p9vr', ecosystem: 'NuGet', package: 'Newtonsoft.Json', version: '13.0.1-beta1', want: 'affected' },
  { name: '13.0.1.0 equals the fix', record: 'GHSA-5crp-9r3c-p9vr', ecosystem: 'NuGet', package: 'Newtonsoft.Json', version: '13.0.1.0', want: 'unaffected' },
  { name: 'NuGet entry of a multi-ecosystem record', record: 'GHSA-77rm-9x9h-xj3g', ecosystem: 'NuGet', package: 'Google.Protobuf', version: '3.14.0', want: 'affected' },
  { name: 'NuGet entry of a multi-ecosystem record: fixed', record: 'GHSA-77rm-9x9h-xj3g', ecosystem: 'NuGet', package: 'GOOGLE.PROTOBUF', version: '3.15.0', want: 'unaffected' },
  { name: 'introduced "0" with no fix', record: 'GHSA-8xfc-gm6g-vgpv', ecosystem: 'NuGet', package: 'BouncyCastle', version: '1.8.9', want: 'affected' },
  { name: 'a name that only shares a prefix', record: 'GHSA-8xfc-gm6g-vgpv', ecosystem: 'NuGet', package: 'BouncyCastle.Cryptography', version: '2.3.1', want: 'unaffected' },

  // Packagist, Pub, Hex
  { name: 'Packagist: a v-prefixed tag below the fix', record: 'GHSA-77rm-9x9h-xj3g', ecosystem: 'Packagist', package: 'google/protobuf', version: 'v3.14.0', want: 'affected' },
  { name: 'Packagist: a release candidate of the fix', record: 'GHSA-77rm-9x9h-xj3g', ecosystem: 'Packagist', package: 'google/protobuf', version: '3.15.0-RC1', want: 'affected' },
  { name: 'Packagist: the fix, v-prefixed and capitalised name', record: 'GHSA-77rm-9x9h-xj3g', ecosystem: 'Packagist', package: 'Google/Protobuf', version: 'v3.15.0', want: 'unaffected' },
  { name: 'Packagist entry is not the PyPI entry', record: 'GHSA-77rm-9x9h-xj3g', ecosystem: 'Packagist', package: 'protobuf', version: '3.14.0', want: 'unaffected' },
  { name: 'Pub: below introduced 1.0.0-beta.2 (SYNTHETIC)', record: 'SYNTHETIC-PUB-0001', ecosystem: 'Pub', package: 'example_pub_package', version: '1.0.0-beta.1', want: 'unaffected' },
  { name: 'Pub: beta.10 is above beta.2 (SYNTHETIC)', record: 'SYNTHETIC-PUB-0001', ecosystem: 'Pub', package: 'example_pub_package', version: '1.0.0-beta.10', want: 'affected' },
  { name: 'Pub: build metadata orders, 1.2.3 is below the fix 1.2.3+1 (SYNTHETIC)', record: 'SYNTHETIC-PUB-0001', ecosystem: 'Pub', package: 'example_pub_package', version: '1.2.3', want: 'affected' },
  { name: 'Pub: the fix 1.2.3+1 (SYNTHETIC)', record: 'SYNTHETIC-PUB-0001', ecosystem: 'Pub', package: 'example_pub_package', version: '1.2.3+1', want: 'unaffected' },
  { name: 'Pub: last_affected 2.0.0+3 is inclusive (SYNTHETIC)', record: 'SYNTHETIC-PUB-0001', ecosystem: 'Pub', package: 'example_pub_package', version: '2.0.0+3', want: 'affected' },
  { name: 'Pub: the next build (SYNTHETIC)', record: 'SYNTHETIC-PUB-0001', ecosystem: 'Pub', package: 'example_pub_package', version: '2.0.0+4', want: 'unaffected' },
  { name: 'Hex: a beta is below introduced rc.0 (SYNTHETIC)', record: 'SYNTHETIC-HEX-0001', ecosystem: 'Hex', package: 'example_hex_package', version: '1.0.0-beta.9', want: 'unaffected' },
  { name: 'Hex: introduced 1.0.0-rc.0 (SYNTHETIC)', record: 'SYNTHETIC-HEX-0001', ecosystem: 'Hex', package: 'example_hex_package', version: '1.0.0-rc.0', want: 'affected' },
  { name: 'Hex: a pre-release of the fix (SYNTHETIC)', record: 'SYNTHETIC-HEX-0001', ecosystem: 'Hex', package: 'example_hex_package', version: '1.4.2-rc.1', want: 'affected' },
  { name: 'Hex: build metadata does not order (SYNTHETIC)', record: 'SYNTHETIC-HEX-0001', ecosystem: 'Hex', package: 'example_hex_package', version: '1.4.2+build.1', want: 'unaffected' },
  { name: 'Hex: the gap between intervals (SYNTHETIC)', record: 'SYNTHETIC-HEX-0001', ecosystem: 'Hex', package: 'example_hex_package', version: '1.4.3', want: 'unaffected' },
  { name: 'Hex: the second interval (SYNTHETIC)', record: 'SYNTHETIC-HEX-0001', ecosystem: 'Hex', package: 'example_hex_package', version: '1.5.0', want: 'affected' },
];

describe('osv/match on real records, every ecosystem', () => {
  let records: Map<string, OsvRecord>;
  before(async () => {
    records = await loadRecords();
  });
  const record = (id: string): OsvRecord => {
    const found = records.get(id);
    if (!found) throw new Error(`fixture record ${id} is missing`);
    return found;
  };

  for (const row of TABLE) {
    it(`${row.ecosystem}: ${row.name}: ${row.package}@${row.version} ${row.want}`, () => {
      const eco = ecosystem(row.ecosystem);
      const version = eco.scheme.parse(row.version);
      assert.notEqual(version, undefined, `${row.version} must parse as a ${row.ecosystem} version`);
      assert.equal(recordAffects(record(row.record), eco, row.package, version), row.want);
    });
  }

  it('the table tries every ecosystem on both sides', () => {
    for (const name of ['PyPI', 'Go', 'crates.io', 'Maven', 'RubyGems', 'NuGet', 'Packagist', 'Pub', 'Hex']) {
      const wants = new Set(TABLE.filter((r) => r.ecosystem === name).map((r) => r.want));
      assert.deepEqual([...wants].sort(), ['affected', 'unaffected'], name);
    }
  });

  it('a record of another ecosystem never matches a package of the same name', () => {
    // GHSA-77rm names "protobuf" in PyPI; the same name in npm is another package.
    const npm = ecosystem('npm');
    assert.equal(recordAffects(record('GHSA-77rm-9x9h-xj3g'), npm, 'protobuf', npm.scheme.parse('3.0.0')), 'unaffected');
    const pypi = ecosystem('PyPI');
    assert.equal(recordAffects(record('GHSA-77rm-9x9h-xj3g'), pypi, 'protobuf', pypi.scheme.parse('3.0.0')), 'affected');
  });

  it('a range bound that does not parse makes the record undetermined, not clean (PyPI legacy fixed "2019-09-12")', () => {
    const pypi = ecosystem('PyPI');
    assert.equal(recordAffects(record('PYSEC-2019-125'), pypi, 'steam', pypi.scheme.parse('1.0')), 'unknown');
    const assessment = assessPackage([record('PYSEC-2019-125')], pypi, 'steam', '1.0');
    assert.deepEqual(assessment?.vulnerabilities, []);
    assert.deepEqual(assessment?.undetermined, ['PYSEC-2019-125']);
  });

  describe('withdrawn records are ignored', () => {
    const cases = [
      { record: 'GO-2022-0617', ecosystem: 'Go', package: 'k8s.io/kubernetes', version: 'v1.20.0' },
      { record: 'GHSA-35c4-f3rq-f9g3', ecosystem: 'RubyGems', package: 'activesupport', version: '4.2.1' },
    ];
    for (const c of cases) {
      it(`${c.record}: ${c.package}@${c.version}`, () => {
        const eco = ecosystem(c.ecosystem);
        const r = record(c.record);
        assert.ok(r.withdrawn, 'the fixture is a withdrawn record');
        // The ranges alone would match: only the withdrawal keeps it out.
        assert.equal(recordAffects(r, eco, c.package, eco.scheme.parse(c.version)), 'affected');
        assert.deepEqual(assessPackage([r], eco, c.package, c.version)?.vulnerabilities, []);
        const index = new RecordIndex();
        index.add(r);
        assert.equal(index.size, 0);
        assert.deepEqual(index.get(packageKey(eco.name, eco.normalizeName(c.package))), []);
      });
    }
  });

  it('an offline folder finds NuGet records for the csproj spelling of a package id', async () => {
    // Regression: the index keys names normalised (lower case) and was looked up with the spelling
    // from the file, so `Newtonsoft.Json` found no records while `newtonsoft.json` did.
    const source = createLocalSource(join(CORPUS, 'records', 'NuGet'));
    const answer = await source.recordsFor([
      { ecosystem: 'NuGet', name: 'Newtonsoft.Json' },
      { ecosystem: 'NuGet', name: 'newtonsoft.json' },
    ]);
    assert.deepEqual(answer.records.get(packageKey('NuGet', 'Newtonsoft.Json'))?.map((r) => r.id), ['GHSA-5crp-9r3c-p9vr']);
    assert.deepEqual(answer.records.get(packageKey('NuGet', 'newtonsoft.json'))?.map((r) => r.id), ['GHSA-5crp-9r3c-p9vr']);
    const nuget = ecosystem('NuGet');
    const assessed = assessPackage(answer.records.get(packageKey('NuGet', 'Newtonsoft.Json')) ?? [], nuget, 'Newtonsoft.Json', '12.0.3');
    assert.deepEqual(assessed?.vulnerabilities.map((v) => v.id), ['GHSA-5crp-9r3c-p9vr']);
  });
});
