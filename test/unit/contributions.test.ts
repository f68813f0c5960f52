import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORY, COMMAND_LIST } from '../../client/src/command-list';
import { DEPENDENCY_FILES, fileKindFor } from '../../server/src/ecosystems/files';
import { ECOSYSTEMS, parserById } from '../../server/src/ecosystems';
import { DOCUMENT_PATTERNS, SETTINGS } from '../../server/src/protocol';
import { type LanguageContribution, VSCODE_BUILT_IN, associations, languageFor, sampleNames } from './syntaxes/contributions';

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

  it('languages: every dependency file opens in the language its format entry names', () => {
    const registered = associations([...VSCODE_BUILT_IN, ...(pkg.contributes.languages as LanguageContribution[])]);
    const wrong = DEPENDENCY_FILES.flatMap((f) => sampleNames(f.patterns).map((name) => ({ name, want: f.language, got: languageFor(`/work/${name}`, registered) }))).filter((r) => r.got !== r.want);
    assert.deepEqual(wrong, []);
  });

  it('languages: every file name package.json maps to a language is a dependency file of that language', () => {
    // Companions Chainsight does not parse but highlights with the same grammar.
    const companions = new Set(['constraints.txt']);
    for (const language of pkg.contributes.languages as LanguageContribution[]) {
      for (const name of [...(language.filenames ?? []), ...(language.filenamePatterns ?? []).flatMap((p) => sampleNames([p]))]) {
        if (companions.has(name)) continue;
        const kind = fileKindFor(name);
        assert.ok(kind, `package.json maps ${name} to ${language.id}, but no format entry reads it`);
        assert.equal(kind.language, language.id, `${name}: package.json says ${language.id}, its entry ${kind.parser} says ${kind.language}`);
      }
    }
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
