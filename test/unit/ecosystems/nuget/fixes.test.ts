import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyEdits } from '../../../../server/src/core/edits';
import { parseCsproj } from '../../../../server/src/ecosystems/nuget/csproj';
import { parseDirectoryPackagesProps } from '../../../../server/src/ecosystems/nuget/directory-packages-props';
import { nugetFixes, upgradedNuGetVersion } from '../../../../server/src/ecosystems/nuget/fixes';
import { parsePackagesConfig } from '../../../../server/src/ecosystems/nuget/packages-config';
import type { ParsedFile, ParseFn } from '../../../../server/src/ecosystems/types';
import { diskContext } from '../../../support/parse-contexts';

const scenarios = resolve(__dirname, '../../../fixtures/ecosystems/nuget/scenarios');

function load(rel: string, parse: ParseFn): ParsedFile {
  const path = join(scenarios, rel);
  const text = readFileSync(path, 'utf8');
  return { path, text, result: parse(path, text, diskContext()) };
}

function applyUpgrade(file: ParsedFile, id: string, version: string, parse: ParseFn): { text: string; version: string } {
  const pkg = file.result.packages.find((p) => p.id === id)!;
  const edits = nugetFixes.upgrade(file, pkg, version);
  assert.ok(edits, id);
  const text = applyEdits(file.text, edits);
  const reparsed = parse(file.path, text, diskContext());
  assert.deepEqual(reparsed.errors.filter((e) => e.severity !== 'warning'), []);
  return { text, version: reparsed.packages.find((p) => p.id === id)!.version };
}

describe('nuget fixes', () => {
  const csproj = load('src/Shop.Api/Shop.Api.csproj', parseCsproj);

  const csprojRows: Array<[string, string, string]> = [
    ['PackageReference:Newtonsoft.Json', '13.0.1', '<PackageReference Include="Newtonsoft.Json" Version="13.0.1" />'],
    ['PackageReference:Serilog', '2.12.1', '<SerilogVersion>2.12.1</SerilogVersion>'],
    ['PackageReference:Swashbuckle.AspNetCore', '6.5.0', '<Version>6.5.0</Version>'],
    ['PackageReference:Microsoft.Data.SqlClient', '5.1.3', 'Version="[5.1.3]"'],
    ['PackageReference:Polly', '7.2.4', 'Version="[7.2.4, 8.0.0)"'],
  ];
  for (const [id, version, snippet] of csprojRows) {
    it(`moves ${id} to ${version} in the csproj`, () => {
      const after = applyUpgrade(csproj, id, version, parseCsproj);
      assert.ok(after.text.includes(snippet), after.text);
    });
  }

  it('has no csproj edit for a centrally managed version, and edits Directory.Packages.props instead', () => {
    const web = load('cpm/src/Web/Web.csproj', parseCsproj);
    assert.equal(nugetFixes.upgrade(web, web.result.packages.find((p) => p.name === 'Newtonsoft.Json')!, '13.0.3'), undefined);
    const props = load('cpm/Directory.Packages.props', parseDirectoryPackagesProps);
    const after = applyUpgrade(props, 'PackageVersion:Newtonsoft.Json', '13.0.3', parseDirectoryPackagesProps);
    assert.equal(after.version, '13.0.3');
    const viaProperty = applyUpgrade(props, 'PackageVersion:Microsoft.AspNetCore.Authentication.JwtBearer', '7.0.10', parseDirectoryPackagesProps);
    assert.ok(viaProperty.text.includes('<AspNetCoreVersion>7.0.10</AspNetCoreVersion>'));
  });

  it('moves a packages.config pin', () => {
    const config = load('legacy/packages.config', parsePackagesConfig);
    const after = applyUpgrade(config, 'package:jQuery', '3.5.0', parsePackagesConfig);
    assert.ok(after.text.includes('<package id="jQuery" version="3.5.0" targetFramework="net472" />'));
  });

  const rangeRows: Array<[string, string, string]> = [
    ['1.0.0', '1.2.0', '1.2.0'],
    ['[1.0.0]', '1.2.0', '[1.2.0]'],
    ['[1.0.0, 2.0.0)', '1.2.0', '[1.2.0, 2.0.0)'],
    ['[1.0.0,2.0.0)', '2.1.0', '2.1.0'],
    ['(1.0.0,)', '1.2.0', '[1.2.0,)'],
    ['1.*', '1.2.0', '1.2.0'],
  ];
  for (const [current, fixed, want] of rangeRows) {
    it(`${current} fixed in ${fixed} becomes ${want}`, () => assert.equal(upgradedNuGetVersion(current, fixed), want));
  }

  describe('override for a transitive package', () => {
    it('adds a direct PackageReference beside the others (direct dependencies win)', () => {
      const fix = nugetFixes.override!(csproj, 'System.Text.Encodings.Web', '7.0.1', 'nuget/packages-lock-json')!;
      const after = applyEdits(csproj.text, fix.edits);
      assert.ok(
        after.includes('    <PackageReference Include="StyleCop.Analyzers" Version="1.1.118" PrivateAssets="all" />\n    <PackageReference Include="System.Text.Encodings.Web" Version="7.0.1" />\n  </ItemGroup>'),
        after,
      );
      assert.deepEqual(fix.command, { command: 'dotnet', args: ['restore', '--force-evaluate'] });
      assert.deepEqual(parseCsproj(csproj.path, after).errors, []);
    });

    it('creates an ItemGroup in a project without package references', () => {
      const text = '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n';
      const fix = nugetFixes.override!({ path: '/w/A.csproj', text, result: parseCsproj('/w/A.csproj', text) }, 'Azure.Identity', '1.11.4', undefined)!;
      assert.equal(
        applyEdits(text, fix.edits),
        '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include="Azure.Identity" Version="1.11.4" />\n  </ItemGroup>\n</Project>\n',
      );
    });

    it('pins centrally in Directory.Packages.props and turns transitive pinning on', () => {
      const props = load('cpm/Directory.Packages.props', parseDirectoryPackagesProps);
      const fix = nugetFixes.override!(props, 'System.Text.Encodings.Web', '7.0.1', 'nuget/packages-lock-json')!;
      const after = applyEdits(props.text, fix.edits);
      assert.ok(after.includes('    <PackageVersion Include="xunit" Version="2.4.2" />\n    <PackageVersion Include="System.Text.Encodings.Web" Version="7.0.1" />'), after);
      assert.ok(after.includes('    <AspNetCoreVersion>7.0.5</AspNetCoreVersion>\n    <CentralPackageTransitivePinningEnabled>true</CentralPackageTransitivePinningEnabled>\n  </PropertyGroup>'), after);
      assert.deepEqual(parseDirectoryPackagesProps(props.path, after).errors, []);
    });

    it('offers no csproj edit in a project that uses central versions', () => {
      const web = load('cpm/src/Web/Web.csproj', parseCsproj);
      assert.equal(nugetFixes.override!(web, 'System.Text.Encodings.Web', '7.0.1', 'nuget/packages-lock-json'), undefined);
    });
  });
});
