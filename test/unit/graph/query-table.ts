// The graph's question tables: asked of the embedded store (queries.test.ts) and of the team store on
// PostgreSQL (postgres-store.test.ts), which must answer each with identical JSON.
import { APP_AFTER, APP_BEFORE, GOOF_V1, GOOF_V2, NPM_CLI } from './store-fixture';

export const WHO_USES: Array<{ name: string; query: string; history?: boolean; want: string[] }> = [
  { name: 'a version in a project and an SBOM', query: 'cookie@0.4.1', want: [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/cookie@0.4.1`, 'sbom juice-shop@14.1.1 pkg:npm/cookie@0.4.1'] },
  { name: 'names are matched case-insensitively', query: 'Cookie@0.4.1', want: [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/cookie@0.4.1`, 'sbom juice-shop@14.1.1 pkg:npm/cookie@0.4.1'] },
  { name: 'a purl with version', query: 'pkg:npm/ms@2.0.0', want: [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/ms@2.0.0`, `project npm@${NPM_CLI.slice(0, 8)} pkg:npm/ms@2.0.0`, 'sbom juice-shop@14.1.1 pkg:npm/ms@2.0.0'] },
  {
    name: 'a purl without version: every version',
    query: 'pkg:npm/lodash',
    want: [
      `project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.10`,
      `project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.15`,
      `project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.21`,
      `project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.4`,
      `project npm@${NPM_CLI.slice(0, 8)} pkg:npm/lodash@4.17.21`,
      `project npm-app@${APP_AFTER.slice(0, 8)} pkg:npm/lodash@4.17.21`,
      'sbom juice-shop@14.1.1 pkg:npm/lodash@2.4.2',
      'sbom juice-shop@14.1.1 pkg:npm/lodash@4.17.21',
    ],
  },
  { name: 'an npm range, latest snapshots only', query: 'lodash@<4.17.5', want: [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.4`, 'sbom juice-shop@14.1.1 pkg:npm/lodash@2.4.2'] },
  {
    name: 'an npm range over the whole history',
    query: 'lodash@<4.17.5',
    history: true,
    want: [
      `project goof@${GOOF_V1.slice(0, 8)} pkg:npm/lodash@4.17.4`,
      `project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.4`,
      `project npm-app@${APP_BEFORE.slice(0, 8)} pkg:npm/lodash@4.17.4`,
      'sbom juice-shop@14.1.1 pkg:npm/lodash@2.4.2',
    ],
  },
  { name: 'a Maven range on group:artifact', query: 'com.fasterxml.jackson.core:jackson-databind@[2.10,2.11)', want: ['sbom com.example:example-app@1.0.0 pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar'] },
  { name: 'Go versions compared as Go does', query: 'github.com/spf13/cobra@>=1.2.0 <1.3.0', want: ['sbom k8s.io/minikube@v1.23.1 pkg:golang/github.com/spf13/cobra@v1.2.1?goarch=arm64&goos=linux&type=module'] },
  { name: 'a Go version outside the range', query: 'github.com/spf13/cobra@<1.2.0', want: [] },
  { name: 'an SPDX package without a purl, by name', query: 'junit', want: ['sbom examplemaven@0.0.1 pkg:generic/JUnit@3.8.1'] },
  { name: 'a package nothing contains', query: 'left-pad', want: [] },
];

export const VULN: Array<{ name: string; id: string; history?: boolean; want: Array<[string, boolean, string?]> }> = [
  {
    name: 'every affected instance, VEX applied to the one its subject excludes',
    id: 'GHSA-p6mc-m468-83gw',
    want: [
      [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.10`, true],
      [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.15`, true],
      [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.4`, false, 'not_affected'],
    ],
  },
  {
    name: 'asked by its CVE alias, in any case',
    id: 'cve-2020-8203',
    want: [
      [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.10`, true],
      [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.15`, true],
      [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.4`, false, 'not_affected'],
    ],
  },
  {
    name: 'over the history: the statement about goof does not cover npm-app',
    id: 'GHSA-p6mc-m468-83gw',
    history: true,
    want: [
      [`project goof@${GOOF_V1.slice(0, 8)} pkg:npm/lodash@4.17.10`, true],
      [`project goof@${GOOF_V1.slice(0, 8)} pkg:npm/lodash@4.17.15`, true],
      [`project goof@${GOOF_V1.slice(0, 8)} pkg:npm/lodash@4.17.4`, false, 'not_affected'],
      [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.10`, true],
      [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.15`, true],
      [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.4`, false, 'not_affected'],
      [`project npm-app@${APP_BEFORE.slice(0, 8)} pkg:npm/lodash@4.17.4`, true],
    ],
  },
  {
    name: 'an SBOM containing a version a scan found affected',
    id: 'GHSA-pxg6-pf52-xh8x',
    want: [
      [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/cookie@0.1.2`, true],
      [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/cookie@0.4.1`, true],
      [`project npm-app@${APP_AFTER.slice(0, 8)} pkg:npm/cookie@0.1.2`, true],
      ['sbom juice-shop@14.1.1 pkg:npm/cookie@0.4.1', true],
    ],
  },
  { name: 'a CycloneDX VEX about a component of another BOM', id: 'CVE-2020-25649', want: [['sbom com.example:example-app@1.0.0 pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar', false, 'not_affected']] },
  { name: 'an id the store does not know', id: 'GHSA-0000-0000-0000', want: [] },
];
