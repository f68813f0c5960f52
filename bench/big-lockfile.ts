import { createWriteStream, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A synthetic package-lock.json (lockfile v3) the size of the biggest real monorepo lockfiles
 * (~164 MB, the size issue 11 measured the language server on). Written to the temp folder on first
 * use and never committed. Entries look like npm's: a registry tarball URL, a sha512 integrity,
 * dependency maps, flags, engines and licence, with nested copies under other packages so edges
 * resolve through more than one `node_modules` level.
 */
export const BIG_LOCKFILE_BYTES = 164 * 1024 * 1024;

export function bigLockfilePath(): string {
  return join(tmpdir(), `chainsight-bench-package-lock-${BIG_LOCKFILE_BYTES}.json`);
}

/** The path of the generated file, written first when it is missing or of another size. */
export async function ensureBigLockfile(): Promise<string> {
  const path = bigLockfilePath();
  if (existsSync(path) && statSync(path).size >= BIG_LOCKFILE_BYTES) return path;
  await writeBigLockfile(path, BIG_LOCKFILE_BYTES);
  return path;
}

async function writeBigLockfile(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let written = 0;
  const write = (chunk: string) => {
    written += Buffer.byteLength(chunk);
    return out.write(chunk) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  const names: string[] = [];
  const direct: string[] = [];
  await write('{\n  "name": "big-monorepo",\n  "version": "1.0.0",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n');
  // The root entry is written last in spirit but must come first in npm's order: reserve its deps now.
  for (let i = 0; i < 200; i++) direct.push(packageName(i));
  await write(`    "": {\n      "name": "big-monorepo",\n      "version": "1.0.0",\n      "dependencies": {\n${direct.map((d) => `        "${d}": "^1.0.0"`).join(',\n')}\n      }\n    }`);
  for (let i = 0; written < bytes; i++) {
    const name = packageName(i);
    names.push(name);
    await write(`,\n    "node_modules/${name}": ${entry(name, i, 6, names)}`);
    // Every seventh package carries a nested copy of an earlier one, as npm writes version conflicts.
    if (i % 7 === 3 && i > 10) {
      const nested = names[(i * 31) % (names.length - 1)]!;
      await write(`,\n    "node_modules/${name}/node_modules/${nested}": ${entry(nested, i + 1, 8, names)}`);
    }
  }
  await write('\n  }\n}\n');
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

function packageName(i: number): string {
  const base = `pkg-${i.toString(36)}`;
  return i % 5 === 0 ? `@scope-${(i % 97).toString(36)}/${base}` : base;
}

function entry(name: string, i: number, indent: number, names: readonly string[]): string {
  const pad = ' '.repeat(indent);
  const version = `${1 + (i % 4)}.${i % 13}.${i % 29}`;
  const file = name.includes('/') ? name.slice(name.indexOf('/') + 1) : name;
  const integrity = `sha512-${Buffer.from(`${name}@${version}`.padEnd(64, '.')).toString('base64')}`;
  const deps: string[] = [];
  for (let d = 1; d <= i % 6 && d < names.length; d++) deps.push(`${pad}    "${names[(i * 7 + d * 13) % names.length]}": "^1.0.0"`);
  const lines = [
    `${pad}"version": "${version}"`,
    `${pad}"resolved": "https://registry.npmjs.org/${name}/-/${file}-${version}.tgz"`,
    `${pad}"integrity": "${integrity}"`,
  ];
  if (i % 3 === 0) lines.push(`${pad}"dev": true`);
  if (i % 11 === 0) lines.push(`${pad}"optional": true`);
  if (deps.length) lines.push(`${pad}"dependencies": {\n${deps.join(',\n')}\n${pad}}`);
  lines.push(`${pad}"engines": {\n${pad}  "node": ">=14"\n${pad}}`);
  lines.push(`${pad}"license": "MIT"`);
  return `{\n${lines.join(',\n')}\n${pad.slice(2)}}`;
}
