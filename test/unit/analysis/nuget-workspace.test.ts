import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileDiagnostics } from '../../../server/src/analysis/diagnostics';
import { scanFolder } from '../../../server/src/analysis/scan';
import { createLocalSource } from '../../../server/src/osv/local-source';
import { FIXTURES, tempWorkspace } from '../../support/temp-workspace';

/** Google.Protobuf < 3.15.0 is vulnerable (GHSA-77rm-9x9h-xj3g). */
const source = createLocalSource(join(FIXTURES, 'lsp/nuget/osv'));
const HINT = 'run "Chainsight: Update Lockfile"';

const csproj = (version: string) => `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net6.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Google.Protobuf" Version="${version}" />
  </ItemGroup>
</Project>
`;

const lock = (requested: string, resolved: string) =>
  JSON.stringify({ version: 1, dependencies: { 'net6.0': { 'Google.Protobuf': { type: 'Direct', requested, resolved } } } }, null, 2);

const VULNERABLE = 'Google.Protobuf@3.14.0: GHSA-77rm-9x9h-xj3g (high); fixed in 3.15.0';

// packages.lock.json keeps `requested` in NuGet's normal form (`[3.14.0, )` for `3.14.0`): a
// requirement that names the same versions, or pins the version the lock holds, is not a change,
// whatever its text.
const rows: Array<{ name: string; version: string; requested: string; resolved: string; want: string[] }> = [
  { name: 'a bare version, recorded as [x, )', version: '3.14.0', requested: '[3.14.0, )', resolved: '3.14.0', want: [VULNERABLE] },
  { name: 'a hard pin, recorded as [x, x]', version: '[3.14.0]', requested: '[3.14.0, 3.14.0]', resolved: '3.14.0', want: [VULNERABLE] },
  { name: 'a range, recorded with versions in normal form', version: '[3.0,4.0)', requested: '[3.0.0, 4.0.0)', resolved: '3.14.0', want: [VULNERABLE] },
  { name: 'a minimum with fewer parts, recorded as [x.0, )', version: '3.14', requested: '[3.14.0, )', resolved: '3.14.0', want: [VULNERABLE] },
  { name: 'a version moved past the locked one', version: '3.15.0', requested: '[3.14.0, )', resolved: '3.14.0', want: [`packages.lock.json is out of date: it records Google.Protobuf@[3.14.0, ), not 3.15.0; ${HINT}`] },
  { name: 'a range that differs from the recorded one', version: '[3.0, 4.0)', requested: '[3.14.0, )', resolved: '3.14.0', want: [`packages.lock.json is out of date: it records Google.Protobuf@[3.14.0, ), not [3.0, 4.0); ${HINT}`] },
];

describe('NuGet workspace analysis: is packages.lock.json up to date?', () => {
  for (const row of rows) {
    it(row.name, async () => {
      const ws = tempWorkspace({ 'App.csproj': csproj(row.version), 'packages.lock.json': lock(row.requested, row.resolved) });
      try {
        const { analysis } = await scanFolder(ws.root, source);
        const report = analysis.reports.get(ws.path('App.csproj'))!;
        assert.equal(report.lockfile?.path, ws.path('packages.lock.json'));
        assert.deepEqual(fileDiagnostics(report).map((d) => d.message), row.want);
      } finally {
        ws.dispose();
      }
    });
  }
});
