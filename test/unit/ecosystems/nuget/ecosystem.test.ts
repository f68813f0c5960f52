import { strict as assert } from 'node:assert';
import { FORMATS as FILES, nugetEcosystem } from '../../../../server/src/ecosystems/nuget';

describe('nuget ecosystem', () => {
  it('names itself as OSV and purl do, and keeps the package id spelling in purls', () => {
    assert.equal(nugetEcosystem.name, 'NuGet');
    assert.equal(nugetEcosystem.purlType, 'nuget');
    assert.equal(nugetEcosystem.purl('Newtonsoft.Json', '13.0.1'), 'pkg:nuget/Newtonsoft.Json@13.0.1');
  });

  it('compares ids case-insensitively', () => {
    assert.equal(nugetEcosystem.normalizeName('newtonsoft.json'), nugetEcosystem.normalizeName('Newtonsoft.Json'));
  });

  it('pairs project files with packages.lock.json and has a parser for each file kind', () => {
    assert.deepEqual(Object.keys(nugetEcosystem.parsers).sort(), FILES.map((f) => f.parser).sort());
    assert.deepEqual(FILES.find((f) => f.parser === 'nuget/csproj')!.lockfiles, ['nuget/packages-lock-json']);
    assert.deepEqual(FILES.find((f) => f.parser === 'nuget/csproj')!.patterns, ['*.csproj', '*.fsproj', '*.vbproj']);
  });

  it('refreshes the lock file with a forced restore', () => {
    assert.deepEqual(nugetEcosystem.lockfileCommand!('nuget/packages-lock-json'), { command: 'dotnet', args: ['restore', '--force-evaluate'] });
  });
});
