import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Range } from '../../../../server/src/core/text-range';
import { parsePackagesLockJson } from '../../../../server/src/ecosystems/nuget/packages-lock-json';
import { pathFromDirect as pathTo } from '../../../support/dependency-paths';
import { slice as textOf } from '../../../support/parse-results';

const file = resolve(__dirname, '../../../fixtures/ecosystems/nuget/scenarios/src/Shop.Api/packages.lock.json');
const text = readFileSync(file, 'utf8');

const slice = (range: Range | undefined) => textOf(text, range);

describe('nuget/packages-lock-json', () => {
  const result = parsePackagesLockJson(file, text);
  const byId = new Map(result.packages.map((p) => [p.id, p]));

  it('merges the frameworks: one package per name and resolved version', () => {
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.packages.map((p) => p.id).sort(), [
      'microsoft.extensions.apidescription.server@6.0.5',
      'microsoft.extensions.logging.abstractions@7.0.1',
      'microsoft.openapi@1.2.3',
      'newtonsoft.json@12.0.3',
      'project:shop.core',
      'serilog@2.12.0',
      'swashbuckle.aspnetcore.swagger@6.4.0',
      'swashbuckle.aspnetcore@6.4.0',
      'system.text.encodings.web@6.0.0',
      'system.text.encodings.web@7.0.0',
      'system.text.json@6.0.0',
      'system.text.json@7.0.0',
    ]);
  });

  it('keeps the names as the file spells them and ranges on the key and the resolved version', () => {
    for (const pkg of result.packages) {
      assert.equal(slice(pkg.nameRange), pkg.name);
      if (pkg.source === 'registry') assert.equal(slice(pkg.versionRange), pkg.version);
    }
    assert.equal(byId.get('newtonsoft.json@12.0.3')!.name, 'Newtonsoft.Json');
  });

  it('marks Direct packages direct, with their requested ranges on the importer', () => {
    const direct = result.packages.filter((p) => p.direct).map((p) => p.id).sort();
    assert.deepEqual(direct, ['newtonsoft.json@12.0.3', 'serilog@2.12.0', 'swashbuckle.aspnetcore@6.4.0', 'system.text.json@6.0.0', 'system.text.json@7.0.0']);
    const importer = result.importers![0]!;
    assert.equal(importer.path, '');
    assert.deepEqual(importer.dependencies.slice().sort(), direct);
    assert.equal(importer.requirements!['Newtonsoft.Json'], '[12.0.3, )');
    // The first framework's request is kept when they differ.
    assert.equal(importer.requirements!['System.Text.Json'], '[6.0.0, )');
    assert.equal(byId.get('microsoft.extensions.logging.abstractions@7.0.1')!.direct, false, 'CentralTransitive is a pin, not a reference');
  });

  it('resolves edges within each framework', () => {
    assert.deepEqual(byId.get('system.text.json@6.0.0')!.dependencies, ['system.text.encodings.web@6.0.0']);
    assert.deepEqual(byId.get('system.text.json@7.0.0')!.dependencies, ['system.text.encodings.web@7.0.0']);
    assert.deepEqual(pathTo(result.packages, 'microsoft.openapi@1.2.3'), ['swashbuckle.aspnetcore@6.4.0', 'swashbuckle.aspnetcore.swagger@6.4.0', 'microsoft.openapi@1.2.3']);
  });

  it('marks project references as workspace code and keeps the content hash', () => {
    const project = byId.get('project:shop.core')!;
    assert.equal(project.source, 'workspace');
    assert.equal(project.version, '');
    assert.deepEqual(project.dependencies, ['newtonsoft.json@12.0.3']);
    assert.equal(byId.get('serilog@2.12.0')!.integrity, 'sha512-xaiJLIdu6rYMKfQMYUZgTy8YK7SMZjB4Yk50C/u//Z4OsvxkUfSPJy4nknfvwAC34yr13q7kcyh4grbwhSxyZg==');
  });

  const malformed: Array<[string, string, number, RegExp]> = [
    ['an unsupported version', '{\n  "version": 0,\n  "dependencies": {}\n}\n', 1, /unsupported packages\.lock\.json version 0/],
    ['a trailing comma', '{\n  "version": 1,\n  "dependencies": {},\n}\n', 3, /could not parse packages\.lock\.json at 4:/],
    ['not JSON', 'not\njson\n', 0, /could not parse/],
  ];
  for (const [name, source, line, message] of malformed) {
    it(`gives one error at the right line for ${name}`, () => {
      const r = parsePackagesLockJson(file, source);
      assert.equal(r.errors.length, 1);
      assert.equal(r.errors[0]!.range.start.line, line);
      assert.match(r.errors[0]!.message, message);
      assert.deepEqual(r.packages, []);
    });
  }
});
