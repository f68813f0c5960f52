import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEPENDENCY_FILES } from '../../server/src/ecosystems/files';
import * as protocol from '../../server/src/protocol';
import { fencedBlocks } from '../support/markdown-blocks';

/**
 * docs/editors.md is configuration people copy into their editors: what it lists must be what the
 * server does. (The Neovim 0.7 blocks are also run for real by test/lsp/neovim.test.ts.)
 */
const DOC = readFileSync(join(__dirname, '../../docs/editors.md'), 'utf8');
const FILE_NAMES = [...new Set(DEPENDENCY_FILES.flatMap((f) => f.patterns))].sort();

/** The text between a heading and the next heading of the same or a higher level. */
function section(heading: string): string {
  const start = DOC.indexOf(`\n${heading}\n`);
  assert.notEqual(start, -1, `docs/editors.md has no "${heading}"`);
  const level = heading.split(' ')[0]!;
  const rest = DOC.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`^#{1,${level.length}} `, 'm'));
  return next === -1 ? rest : rest.slice(0, next);
}

const backticked = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe('docs/editors.md matches the server', () => {
  it('the table of files lists exactly the file names Chainsight reads', () => {
    const table = section('### Which files to attach it to')
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| ecosystem'));
    assert.deepEqual(table.flatMap((row) => backticked(row.split('|')[2]!)).sort(), FILE_NAMES);
  });

  it('every Lua list of patterns (Neovim 0.7, 0.8–0.10, 0.11+) is exactly those file names', () => {
    const lists = fencedBlocks(DOC, 'lua').flatMap((block) => [...block.matchAll(/patterns = \{([^}]*)\}/g)].map((m) => [...m[1]!.matchAll(/'([^']+)'/g)].map((s) => s[1]!)));
    assert.equal(lists.length, 3);
    for (const list of lists) assert.deepEqual([...list].sort(), FILE_NAMES);
  });

  it('every message and request of protocol.ts is documented', () => {
    const methods = Object.values(protocol)
      .map((value) => (value as { method?: unknown } | null)?.method)
      .filter((method): method is string => typeof method === 'string');
    assert.ok(methods.length >= 10, methods.join(', '));
    const table = backticked(section('## Chainsight\'s own protocol'));
    assert.deepEqual(methods.filter((m) => !table.includes(m)), []);
    assert.deepEqual(protocol.EXPORT_FORMATS.map((f) => f.id).filter((id) => !table.includes(id)), []);
  });

  it('names the commands the server executes and every program it may run', () => {
    const text = backticked(section('## Package managers'));
    for (const command of protocol.SERVER_COMMANDS) assert.ok(text.includes(command), command);
    assert.deepEqual(text.filter((t) => protocol.PACKAGE_MANAGERS.has(t)).sort(), [...protocol.PACKAGE_MANAGERS].sort());
  });

  it('names exactly the settings an untrusted workspace may still set', () => {
    const bullet = section('## Trust')
      .split('\n- ')
      .find((b) => b.startsWith('**Restricted settings**'));
    assert.ok(bullet);
    const unrestricted = protocol.SETTINGS.filter((s) => !s.restricted).map((s) => s.key);
    assert.deepEqual(backticked(bullet).filter((t) => t.startsWith('chainsight.')), unrestricted);
  });
});
