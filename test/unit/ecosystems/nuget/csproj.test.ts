import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCsproj } from '../../../../server/src/ecosystems/nuget/csproj';
import { diskContext } from '../../../support/parse-contexts';
import { slice } from '../../../support/parse-results';

const scenarios = resolve(__dirname, '../../../fixtures/ecosystems/nuget/scenarios');

describe('nuget/csproj', () => {
  describe('a project with its own versions', () => {
    const path = join(scenarios, 'src/Shop.Api/Shop.Api.csproj');
    const text = readFileSync(path, 'utf8');
    const result = parseCsproj(path, text, diskContext());

    const rows: Array<{ id: string; name: string; version: string; requirement: string; versionText: string }> = [
      { id: 'PackageReference:Newtonsoft.Json', name: 'Newtonsoft.Json', version: '12.0.3', requirement: '12.0.3', versionText: '12.0.3' },
      // $(SerilogVersion): the range is the property, where the version is written.
      { id: 'PackageReference:Serilog', name: 'Serilog', version: '2.12.0', requirement: '2.12.0', versionText: '2.12.0' },
      // <Version> as a child element.
      { id: 'PackageReference:Swashbuckle.AspNetCore', name: 'Swashbuckle.AspNetCore', version: '6.4.0', requirement: '6.4.0', versionText: '6.4.0' },
      { id: 'PackageReference:Microsoft.Data.SqlClient', name: 'Microsoft.Data.SqlClient', version: '5.0.1', requirement: '[5.0.1]', versionText: '[5.0.1]' },
      { id: 'PackageReference:Polly', name: 'Polly', version: '', requirement: '[7.2.0, 8.0.0)', versionText: '[7.2.0, 8.0.0)' },
      { id: 'PackageReference:AutoMapper', name: 'AutoMapper', version: '', requirement: '12.*', versionText: '12.*' },
      { id: 'PackageReference:StyleCop.Analyzers', name: 'StyleCop.Analyzers', version: '1.1.118', requirement: '1.1.118', versionText: '1.1.118' },
      // One reference per target framework: both are declared, each with its own id.
      { id: 'PackageReference:System.Text.Json', name: 'System.Text.Json', version: '6.0.0', requirement: '6.0.0', versionText: '6.0.0' },
      { id: 'PackageReference:System.Text.Json#2', name: 'System.Text.Json', version: '7.0.0', requirement: '7.0.0', versionText: '7.0.0' },
    ];

    it('reads every PackageReference (not ProjectReference), needing no other file', () => {
      assert.deepEqual(result.errors, []);
      assert.deepEqual(result.packages.map((p) => p.id), rows.map((r) => r.id));
      assert.equal(result.inputs, undefined);
      assert.deepEqual(result.project, { name: 'Shop.Api', version: '1.2.0' });
    });

    for (const row of rows) {
      it(`${row.id}: version, requirement and ranges`, () => {
        const pkg = result.packages.find((p) => p.id === row.id)!;
        assert.equal(pkg.name, row.name);
        assert.equal(pkg.version, row.version);
        assert.equal(pkg.requirement, row.requirement);
        assert.equal(slice(text, pkg.versionRange), row.versionText);
        assert.equal(slice(text, pkg.nameRange), row.name);
        assert.equal(pkg.direct, true);
      });
    }

    it('points the Serilog range at the <SerilogVersion> property line', () => {
      const serilog = result.packages.find((p) => p.name === 'Serilog')!;
      assert.equal(text.split('\n')[serilog.versionRange!.start.line]!.trim(), '<SerilogVersion>2.12.0</SerilogVersion>');
    });
  });

  describe('central package management', () => {
    const path = join(scenarios, 'cpm/src/Web/Web.csproj');
    const text = readFileSync(path, 'utf8');
    const result = parseCsproj(path, text, diskContext());
    const byName = new Map(result.packages.map((p) => [p.name, p]));

    it('takes versions from the nearest Directory.Packages.props and lists the files it tried', () => {
      assert.deepEqual(result.inputs, [join(scenarios, 'cpm/src/Web/Directory.Packages.props'), join(scenarios, 'cpm/src/Directory.Packages.props'), join(scenarios, 'cpm/Directory.Packages.props')]);
      assert.equal(byName.get('Newtonsoft.Json')!.version, '13.0.1');
      assert.equal(byName.get('Newtonsoft.Json')!.versionRange, undefined, 'the version is written in another file');
      // Names match case-insensitively; the property in the props file is expanded.
      assert.equal(byName.get('microsoft.aspnetcore.authentication.jwtbearer')!.version, '7.0.5');
    });

    it('prefers VersionOverride, which is written here', () => {
      const dapper = byName.get('Dapper')!;
      assert.equal(dapper.version, '2.1.4');
      assert.equal(slice(text, dapper.versionRange), '2.1.4');
    });

    it('warns at a reference that has no central version (NU1010) and keeps it without a version', () => {
      assert.equal(result.errors.length, 1);
      assert.equal(result.errors[0]!.severity, 'warning');
      assert.match(result.errors[0]!.message, /no PackageVersion for Serilog\.AspNetCore/);
      assert.equal(text.split('\n')[result.errors[0]!.range.start.line]!.trim(), '<PackageReference Include="Serilog.AspNetCore" />');
      assert.equal(byName.get('Serilog.AspNetCore')!.version, '');
    });

    it('warns once when no Directory.Packages.props exists', () => {
      const r = parseCsproj('/nowhere/App/App.csproj', text, { readFile: () => undefined });
      assert.equal(r.errors.length, 1);
      assert.match(r.errors[0]!.message, /no Directory\.Packages\.props was found/);
      assert.ok(r.packages.every((p) => p.name === 'Dapper' || p.version === ''));
    });
  });

  const malformed: Array<[string, string, number, RegExp]> = [
    ['text that is not XML', 'not\nxml\n', 0, /could not parse Web\.csproj/],
    ['an unclosed ItemGroup', '<Project>\n  <ItemGroup>\n    <PackageReference Include="A" Version="1.0" />\n</Project>\n', 3, /could not parse/],
    ['another root element', '<Package>\n</Package>\n', 0, /not an MSBuild project/],
  ];
  for (const [name, source, line, message] of malformed) {
    it(`gives one error at the right line for ${name}`, () => {
      const r = parseCsproj('/w/Web.csproj', source);
      assert.equal(r.errors.length, 1);
      assert.equal(r.errors[0]!.severity, 'error');
      assert.equal(r.errors[0]!.range.start.line, line);
      assert.match(r.errors[0]!.message, message);
    });
  }
});
