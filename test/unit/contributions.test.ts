import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORY, COMMAND_LIST } from '../../client/src/command-list';
import { DEPENDENCY_FILES } from '../../server/src/ecosystems/files';
import { ECOSYSTEMS, parserById } from '../../server/src/ecosystems';
import { DOCUMENT_PATTERNS, SETTINGS } from '../../server/src/protocol';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));

/** package.json contributions must say exactly what the registries say: one list per kind of thing. */
describe('package.json contributions match the registries', () => {
  it('commands', () => {
    assert.deepEqual(pkg.contributes.commands, COMMAND_LIST.map((c) => ({ command: c.id, title: c.title, category: CATEGORY })));
  });

  it('internal commands are hidden from the palette', () => {
    assert.deepEqual(pkg.contributes.menus.commandPalette, COMMAND_LIST.filter((c) => !c.palette).map((c) => ({ command: c.id, when: 'false' })));
  });

  it('settings: keys, types, defaults, enums and scopes', () => {
    const properties = pkg.contributes.configuration.properties as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(properties), SETTINGS.map((s) => s.key));
    for (const s of SETTINGS) {
      const p = properties[s.key]!;
      assert.deepEqual([p.type, p.default, p.enum, p.scope, p.markdownDescription], [s.type, s.default, s.enum, s.scope, s.description], s.key);
    }
  });

  it('activation events: one per dependency file pattern', () => {
    assert.deepEqual(pkg.activationEvents, DOCUMENT_PATTERNS.map((p) => `workspaceContains:${p}`));
  });

  it('every listed dependency file has a parser, and every parser is listed', () => {
    const listed = new Set(DEPENDENCY_FILES.map((f) => f.parser));
    for (const f of DEPENDENCY_FILES) assert.ok(parserById(f.parser), f.parser);
    for (const eco of ECOSYSTEMS) for (const id of Object.keys(eco.parsers)) assert.ok(listed.has(id as never), `${id} is not in DEPENDENCY_FILES`);
  });

  it('declares what works in an untrusted workspace', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(pkg.capabilities.untrustedWorkspaces.description, /never runs package managers/);
    // Whatever could hide findings or choose where data comes from is the user's to set, not the repository's.
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, SETTINGS.filter((s) => s.restricted).map((s) => s.key));
  });
});
