import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDirectoryPackagesProps } from '../../../../server/src/ecosystems/nuget/directory-packages-props';
import { parsePackagesConfig } from '../../../../server/src/ecosystems/nuget/packages-config';
import { slice } from '../../../support/parse-results';

const scenarios = resolve(__dirname, '../../../fixtures/ecosystems/nuget/scenarios');

describe('nuget/directory-packages-props', () => {
  const path = resolve(scenarios, 'cpm/Directory.Packages.props');
  const text = readFileSync(path, 'utf8');
  const result = parseDirectoryPackagesProps(path, text);

  const rows: Array<[string, string, string, string]> = [
    ['PackageVersion:Newtonsoft.Json', '13.0.1', '13.0.1', '13.0.1'],
    ['PackageVersion:Microsoft.AspNetCore.Authentication.JwtBearer', '7.0.5', '7.0.5', '7.0.5'],
    ['PackageVersion:Dapper', '2.0.123', '[2.0.123]', '[2.0.123]'],
    ['PackageVersion:xunit', '2.4.2', '2.4.2', '2.4.2'],
    ['GlobalPackageReference:Nerdbank.GitVersioning', '3.5.119', '3.5.119', '3.5.119'],
  ];

  it('reads PackageVersion and GlobalPackageReference items', () => {
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.packages.map((p) => p.id), rows.map((r) => r[0]));
  });

  for (const [id, version, requirement, versionText] of rows) {
    it(`${id}: version ${version}, range on the text to change`, () => {
      const pkg = result.packages.find((p) => p.id === id)!;
      assert.equal(pkg.version, version);
      assert.equal(pkg.requirement, requirement);
      assert.equal(slice(text, pkg.versionRange), versionText);
      assert.equal(slice(text, pkg.nameRange), pkg.name);
    });
  }

  it('gives one error for text that is not XML', () => {
    const r = parseDirectoryPackagesProps(path, 'not\nxml');
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0]!.range.start.line, 0);
  });
});

describe('nuget/packages-config', () => {
  const path = resolve(scenarios, 'legacy/packages.config');
  const text = readFileSync(path, 'utf8');
  const result = parsePackagesConfig(path, text);

  it('reads every package at its exact version, development dependencies in dev', () => {
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.packages.map((p) => [p.name, p.version, p.groups]), [
      ['EntityFramework', '6.4.4', []],
      ['jQuery', '3.4.1', []],
      ['Microsoft.CodeDom.Providers.DotNetCompilerPlatform', '2.0.1', ['dev']],
      ['Newtonsoft.Json', '12.0.2', []],
    ]);
    for (const pkg of result.packages) {
      assert.equal(slice(text, pkg.versionRange), pkg.version);
      assert.equal(slice(text, pkg.nameRange), pkg.name);
    }
  });

  it('gives one error at the line of broken XML', () => {
    const r = parsePackagesConfig(path, text.replace('version="3.4.1"', 'version="3.4.1'));
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0]!.range.start.line, 3);
  });
});
