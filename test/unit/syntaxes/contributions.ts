/**
 * Checks of package.json's `contributes.languages` / `contributes.grammars` against the grammars
 * in syntaxes/ and against the dependency files Chainsight reads. Kept apart from the .test.ts file
 * so the same suite can run against any manifest object.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import picomatch from 'picomatch';
import { DEPENDENCY_FILES } from '../../../server/src/ecosystems/files';
import { REPO, SYNTAXES } from './textmate';

export interface LanguageContribution {
  id: string;
  aliases?: string[];
  extensions?: string[];
  filenames?: string[];
  filenamePatterns?: string[];
  configuration?: string;
}

interface GrammarContribution {
  language?: string;
  scopeName: string;
  path: string;
}

interface Manifest {
  contributes?: { languages?: LanguageContribution[]; grammars?: GrammarContribution[] };
}

/**
 * What VS Code itself maps and highlights (its built-in json, yaml, xml, ruby extensions; bun.lock
 * became JSONC in 1.97). Only the entries dependency files rely on.
 */
export const VSCODE_BUILT_IN: readonly LanguageContribution[] = [
  { id: 'plaintext', extensions: ['.txt'] },
  { id: 'json', extensions: ['.json'], filenames: ['composer.lock'] },
  { id: 'jsonc', filenames: ['bun.lock'] },
  { id: 'yaml', extensions: ['.yml', '.yaml'] },
  { id: 'xml', extensions: ['.xml', '.csproj', '.fsproj', '.vbproj', '.props'] },
  { id: 'ruby', extensions: ['.rb'], filenames: ['Gemfile'] },
];
const BUILT_IN_GRAMMARS = new Set(['json', 'jsonc', 'yaml', 'xml', 'ruby']);

/**
 * File name → the language it must open in, with Chainsight installed, for names that are no
 * dependency file (those take their language from the format registry, see below).
 */
const EXPECTED_LANGUAGE: ReadonlyArray<readonly [string, string]> = [
  ['constraints.txt', 'pip-requirements'],
  ['REQUIREMENTS.TXT', 'pip-requirements'],
  ['notes.txt', 'plaintext'],
  ['yarn.lock', 'yarnlock'],
];

/** A file name each pattern of a format entry matches (`requirements*.txt` → `requirements-dev.txt`). */
export function sampleNames(patterns: readonly string[]): string[] {
  return patterns.map((p) => p.replace(/\*/g, '-dev'));
}

export interface Association {
  id: string;
  filename?: string;
  pattern?: string;
  extension?: string;
}

export function associations(languages: readonly LanguageContribution[]): Association[] {
  return languages.flatMap((l) => [
    ...(l.extensions ?? []).map((extension) => ({ id: l.id, extension })),
    ...(l.filenames ?? []).map((filename) => ({ id: l.id, filename })),
    ...(l.filenamePatterns ?? []).map((pattern) => ({ id: l.id, pattern })),
  ]);
}

/**
 * VS Code's rule (languagesAssociations.ts): an exact file name beats the longest matching
 * pattern, which beats the longest matching extension; case-insensitive; among equals the
 * association registered last wins (extensions register after the built-in ones).
 */
export function languageFor(path: string, registered: readonly Association[]): string {
  const lower = path.toLowerCase();
  const name = basename(lower);
  let byName: Association | undefined;
  let byPattern: Association | undefined;
  let byExtension: Association | undefined;
  for (let i = registered.length - 1; i >= 0; i--) {
    const a = registered[i]!;
    if (a.filename?.toLowerCase() === name) {
      byName = a;
      break;
    }
    if (a.pattern && (!byPattern || a.pattern.length > byPattern.pattern!.length)) {
      if (picomatch.isMatch(a.pattern.includes('/') ? lower : name, a.pattern.toLowerCase(), { dot: true })) byPattern = a;
    }
    if (a.extension && (!byExtension || a.extension.length > byExtension.extension!.length) && name.endsWith(a.extension.toLowerCase())) byExtension = a;
  }
  return (byName ?? byPattern ?? byExtension)?.id ?? 'unknown';
}

export function describeContributions(manifest: Manifest): void {
  const expected = [...EXPECTED_LANGUAGE, ...DEPENDENCY_FILES.flatMap((f) => sampleNames(f.patterns).map((name) => [name, f.language] as const))];
  const languages = manifest.contributes?.languages ?? [];
  const grammars = manifest.contributes?.grammars ?? [];
  const registered = associations([...VSCODE_BUILT_IN, ...languages]);
  const highlighted = new Set([...BUILT_IN_GRAMMARS, ...grammars.map((g) => g.language)]);

  describe('package.json: languages and grammars', () => {
    it('contributes every grammar in syntaxes/ under the scope name the grammar declares', () => {
      const files = readdirSync(SYNTAXES).filter((f) => f.endsWith('.tmLanguage.json'));
      assert.ok(files.length > 0);
      for (const file of files) {
        const { scopeName } = JSON.parse(readFileSync(join(SYNTAXES, file), 'utf8')) as { scopeName: string };
        const entries = grammars.filter((g) => g.path === `./syntaxes/${file}`);
        assert.ok(entries.length > 0, `${file} is not in contributes.grammars`);
        for (const entry of entries) assert.equal(entry.scopeName, scopeName, file);
      }
    });

    it('every grammar is for a declared language and every referenced file exists', () => {
      const ids = new Set(languages.map((l) => l.id));
      for (const g of grammars) {
        assert.ok(g.language && ids.has(g.language), `grammar ${g.path} is for undeclared language ${g.language}`);
        assert.ok(existsSync(join(REPO, g.path)), g.path);
      }
      for (const l of languages.filter((l) => l.configuration)) {
        const config = JSON.parse(readFileSync(join(REPO, l.configuration!), 'utf8')) as { brackets?: unknown[] };
        for (const pair of config.brackets ?? []) assert.ok(Array.isArray(pair) && pair.length === 2, `${l.configuration}: bracket ${JSON.stringify(pair)}`);
      }
    });

    it('every dependency file Chainsight reads opens in a language with a grammar', () => {
      const names = DEPENDENCY_FILES.flatMap((f) => sampleNames(f.patterns));
      const bare = names.filter((name) => !highlighted.has(languageFor(`/work/${name}`, registered)));
      assert.deepEqual(bare.map((name) => `${name} → ${languageFor(`/work/${name}`, registered)}`), []);
    });

    // The language of every dependency file is its format entry's `language`: one place says it.
    for (const [name, language] of expected) {
      it(`${name} opens as ${language}`, () => {
        assert.equal(languageFor(`/work/project/${name}`, registered), language);
      });
    }
  });
}
