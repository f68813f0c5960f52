import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NPM_PUBLIC_REGISTRY, readNpmRegistryConfig, registryForPackage, type NpmrcSources } from '../../../server/src/provenance/npm/npmrc';

const rows: Array<{ name: string; sources: NpmrcSources; pkg: string; want: string; warnings?: number }> = [
  { name: 'nothing configured: the public registry', sources: {}, pkg: 'lodash', want: NPM_PUBLIC_REGISTRY },
  { name: 'project .npmrc', sources: { project: 'registry=https://mirror.example.com/npm' }, pkg: 'lodash', want: 'https://mirror.example.com/npm/' },
  { name: 'project wins over user', sources: { project: 'registry=https://project.example/', user: 'registry=https://user.example/' }, pkg: 'a', want: 'https://project.example/' },
  { name: 'user wins over global', sources: { user: 'registry = "https://user.example/"', global: 'registry=https://global.example/' }, pkg: 'a', want: 'https://user.example/' },
  { name: 'environment wins over files', sources: { env: { npm_config_registry: 'https://env.example/' }, project: 'registry=https://project.example/' }, pkg: 'a', want: 'https://env.example/' },
  { name: 'upper-case environment names count too', sources: { env: { NPM_CONFIG_REGISTRY: 'https://env.example/' } }, pkg: 'a', want: 'https://env.example/' },
  { name: '--registry wins over everything for unscoped packages', sources: { cliRegistry: 'http://127.0.0.1:4873', env: { npm_config_registry: 'https://env.example/' } }, pkg: 'a', want: 'http://127.0.0.1:4873/' },
  {
    name: 'a scoped registry wins over --registry (as in npm)',
    sources: { cliRegistry: 'https://cli.example/', user: '@acme:registry=https://npm.acme.example/\n//npm.acme.example/:_authToken=${TOKEN}' },
    pkg: '@acme/widget',
    want: 'https://npm.acme.example/',
  },
  { name: 'other scopes use the default registry', sources: { project: '@acme:registry=https://npm.acme.example/' }, pkg: '@other/x', want: NPM_PUBLIC_REGISTRY },
  { name: 'scoped registry from the environment', sources: { env: { 'npm_config_@acme:registry': 'https://env-acme.example/' }, project: '@acme:registry=https://file-acme.example/' }, pkg: '@acme/x', want: 'https://env-acme.example/' },
  { name: '${VAR} expansion', sources: { env: { HOST: 'internal.example' }, project: 'registry=https://${HOST}/npm/' }, pkg: 'a', want: 'https://internal.example/npm/' },
  { name: 'comments, blank lines and sections are skipped', sources: { project: '; comment\n# other\n\n[section]\nregistry=https://section.example/' }, pkg: 'a', want: NPM_PUBLIC_REGISTRY },
  { name: 'a value that is not an http(s) URL is ignored with a warning', sources: { project: 'registry=file:///etc/passwd', user: 'registry=https://user.example/' }, pkg: 'a', want: 'https://user.example/', warnings: 1 },
  { name: 'CRLF files', sources: { project: 'registry=https://crlf.example/\r\nfoo=bar\r\n' }, pkg: 'a', want: 'https://crlf.example/' },
];

describe('provenance/npm registry from .npmrc', () => {
  for (const row of rows) {
    it(row.name, () => {
      const config = readNpmRegistryConfig(row.sources);
      assert.equal(registryForPackage(config, row.pkg), row.want);
      assert.equal(config.warnings.length, row.warnings ?? 0, config.warnings.join('; '));
    });
  }

  it('never throws and always answers an http(s) URL', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.dictionary(fc.string(), fc.string()), fc.string(), (project, user, env, pkg) => {
        const url = registryForPackage(readNpmRegistryConfig({ project, user, env }), pkg);
        assert.match(url, /^https?:\/\/.*\/$/);
      }),
      { numRuns: 300 },
    );
  });
});
