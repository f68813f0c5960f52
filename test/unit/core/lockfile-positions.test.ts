import { strict as assert } from 'node:assert';
import { type JSONPath, type Node, findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { ParseResult } from '../../../server/src/core/package';
import { LineIndex, type Range } from '../../../server/src/core/text-range';
import { parsePackageLock } from '../../../server/src/ecosystems/npm/package-lock';
import { parsePackagesLockJson } from '../../../server/src/ecosystems/nuget/packages-lock-json';
import { parseComposerLock } from '../../../server/src/ecosystems/packagist/composer-lock';

/**
 * The JSON lockfile readers find positions by searching, in document order, for the keys and values
 * JSON.parse gave, and ask a full scan of the text whenever that search meets something it cannot be
 * sure of. Either way a range must land on the package's own name and version, never on a nested
 * copy with the same text. Each row is a hand-edited layout the ordered search cannot take at face
 * value; the reference positions come from jsonc-parser's syntax tree.
 */
type Where = { node: 'key' | 'value'; path: JSONPath };
interface Row {
  name: string;
  parse: (path: string, text: string) => ParseResult;
  doc: unknown;
  /** Package id → where its name and version are in the document. */
  own: Record<string, { name: Where; version: Where }>;
}

const value = (...path: JSONPath): Where => ({ node: 'value', path });
const key = (...path: JSONPath): Where => ({ node: 'key', path });

const ROWS: Row[] = [
  {
    name: 'composer.lock: an author of one package is named like the next package',
    parse: parseComposerLock,
    doc: { packages: [{ name: 'acme/a', version: '1.0.0', authors: [{ name: 'acme/b' }] }, { name: 'acme/b', version: '2.0.0' }] },
    own: {
      'acme/a': { name: value('packages', 0, 'name'), version: value('packages', 0, 'version') },
      'acme/b': { name: value('packages', 1, 'name'), version: value('packages', 1, 'version') },
    },
  },
  {
    name: "composer.lock: a nested version with the same value comes before the package's own",
    parse: parseComposerLock,
    doc: { packages: [{ name: 'acme/a', extra: { version: '1.0.0' }, version: '1.0.0' }] },
    own: { 'acme/a': { name: value('packages', 0, 'name'), version: value('packages', 0, 'version') } },
  },
  {
    name: 'composer.lock: packages-dev written before packages, the same name in both',
    parse: parseComposerLock,
    doc: { 'packages-dev': [{ name: 'acme/x', version: '1.0.0' }], packages: [{ name: 'acme/x', version: '1.0.0' }] },
    own: {
      'acme/x': { name: value('packages', 0, 'name'), version: value('packages', 0, 'version') },
      'acme/x#2': { name: value('packages-dev', 0, 'name'), version: value('packages-dev', 0, 'version') },
    },
  },
  {
    name: 'packages.lock.json: a package id that JSON.parse orders first (integer-like)',
    parse: parsePackagesLockJson,
    doc: { version: 1, dependencies: { 'net8.0': { Zeta: { type: 'Direct', resolved: '1.0.0' }, '7': { type: 'Transitive', resolved: '2.0.0' } } } },
    own: {
      'zeta@1.0.0': { name: key('dependencies', 'net8.0', 'Zeta'), version: value('dependencies', 'net8.0', 'Zeta', 'resolved') },
      '7@2.0.0': { name: key('dependencies', 'net8.0', '7'), version: value('dependencies', 'net8.0', '7', 'resolved') },
    },
  },
  {
    name: 'packages.lock.json: a package named like the next framework',
    parse: parsePackagesLockJson,
    doc: { version: 1, dependencies: { 'net6.0': { 'net8.0': { type: 'Direct', resolved: '1.0.0' } }, 'net8.0': { 'net8.0': { type: 'Direct', resolved: '3.0.0' } } } },
    own: {
      'net8.0@1.0.0': { name: key('dependencies', 'net6.0', 'net8.0'), version: value('dependencies', 'net6.0', 'net8.0', 'resolved') },
      'net8.0@3.0.0': { name: key('dependencies', 'net8.0', 'net8.0'), version: value('dependencies', 'net8.0', 'net8.0', 'resolved') },
    },
  },
  {
    name: "package-lock.json v3: a nested version with the same value comes before the entry's own",
    parse: parsePackageLock,
    doc: { lockfileVersion: 3, packages: { '': { dependencies: { a: '1.0.0' } }, 'node_modules/a': { engines: { version: '1.0.0' }, version: '1.0.0' } } },
    own: { 'node_modules/a': { name: key('packages', 'node_modules/a'), version: value('packages', 'node_modules/a', 'version') } },
  },
  {
    name: 'package-lock.json v1: a dependency named like a key of another entry',
    parse: parsePackageLock,
    doc: { lockfileVersion: 1, dependencies: { a: { version: '1.0.0', requires: { version: '1.0.0' } }, version: { version: '1.0.0' } } },
    own: {
      'node_modules/a': { name: key('dependencies', 'a'), version: value('dependencies', 'a', 'version') },
      'node_modules/version': { name: key('dependencies', 'version'), version: value('dependencies', 'version', 'version') },
    },
  },
];

describe('JSON lockfile positions on hand-edited layouts', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const text = JSON.stringify(row.doc, null, 2);
      const result = row.parse(`/ws/${row.name.split(':')[0]}`, text);
      assert.deepEqual(result.errors, []);
      assert.deepEqual(result.packages.map((p) => p.id).sort(), Object.keys(row.own).sort());
      const tree = parseTree(text)!;
      const index = new LineIndex(text);
      for (const pkg of result.packages) {
        const own = row.own[pkg.id]!;
        assert.deepEqual(pkg.nameRange, reference(tree, index, own.name), `${pkg.id}: name`);
        assert.deepEqual(pkg.versionRange, reference(tree, index, own.version), `${pkg.id}: version`);
      }
    });
  }
});

/** The range of a string's content (quotes excluded), as the readers report it. */
function reference(tree: Node, index: LineIndex, where: Where): Range {
  const valueNode = findNodeAtLocation(tree, where.path);
  assert.ok(valueNode, `no node at ${where.path.join('/')}`);
  const node = where.node === 'key' ? valueNode.parent!.children![0]! : valueNode;
  return index.range(node.offset + 1, node.offset + node.length - 1);
}


