import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDependencyFile } from '../../../server/src/analysis/dependency-file';

const PYPI = join(__dirname, '../../fixtures/ecosystems/pypi');

/**
 * Provenance needs the files each lockfile pins, by name and sha256, from every PyPI format. Real
 * lockfiles from the fixtures (osv-scanner, osv-scalibr, poetry's own 2021 lockfile).
 */
describe('provenance inputs: the files PyPI lockfiles pin', () => {
  const ROWS: Array<{ format: string; as: string; fixture: string; pkg: string; count: number; first: { name?: string; hash: string } }> = [
    { format: 'uv.lock (sdist and wheels)', as: 'uv.lock', fixture: 'uv-lock/osv-scalibr/two-packages.lock', pkg: 'emoji', count: 2, first: { name: 'emoji-2.14.0.tar.gz', hash: 'sha256:f68ac28915a2221667cddb3e6c589303c3c6954c6c5af6fefaec7f9bdf72fdca' } },
    { format: 'poetry.lock 1.x ([metadata.files])', as: 'poetry.lock', fixture: 'realworld/poetry-2021-poetry-lock/poetry.lock', pkg: 'atomicwrites', count: 2, first: { name: 'atomicwrites-1.4.0-py2.py3-none-any.whl', hash: 'sha256:6d1784dea7c0c8d4a5172b6c620f40b6e4cbfdf96d783691f2e1302a7b88e197' } },
    { format: 'pdm.lock (files)', as: 'pdm.lock', fixture: 'pdm-lock/osv-scanner-v1.9.2/single-package.toml', pkg: 'toml', count: 2, first: { name: 'toml-0.10.2-py2.py3-none-any.whl', hash: 'sha256:806143ae5bfb6a3c6e736a764057db0e6a0e05e338b5630894a5f779cabb4f9b' } },
    { format: 'pylock.toml (wheels with hashes tables)', as: 'pylock.toml', fixture: 'pylock-toml/osv-scalibr/example.toml', pkg: 'attrs', count: 1, first: { name: 'attrs-25.1.0-py3-none-any.whl', hash: 'sha256:c75a69e28a550a7e93789579c22aa26b0f5b83b75dc4e08fe092980051e1090a' } },
    { format: 'Pipfile.lock (hashes only)', as: 'Pipfile.lock', fixture: 'pipfile-lock/osv-scalibr/one-package-dev.json', pkg: 'markupsafe', count: 0, first: { hash: 'sha256:0212a68688482dc52b2d45013df70d169f542b7394fc744c02a57374a4207003' } },
    { format: 'requirements.txt --hash', as: 'requirements.txt', fixture: 'requirements-txt/osv-scanner-v1.9.2/with-per-requirement-options.txt', pkg: 'boto3', count: 1, first: { hash: 'sha256:f87d694c351eba1dfd19b5bef5892a1047e7adb09c57c2c00049de209a8ab55d' } },
  ];
  for (const row of ROWS) {
    it(row.format, () => {
      const file = parseDependencyFile(`/project/${row.as}`, readFileSync(join(PYPI, row.fixture), 'utf8'))!;
      const pkg = file.result.packages.find((p) => p.name === row.pkg)!;
      assert.deepEqual(pkg.artifacts?.[0], row.first);
      if (row.count) assert.equal(pkg.artifacts?.length, row.count);
      for (const a of pkg.artifacts ?? []) assert.match(a.hash, /^sha256:[0-9a-f]{64}$/);
    });
  }
});
