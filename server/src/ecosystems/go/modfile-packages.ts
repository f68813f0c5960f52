import type { ExtractedPackage, ParseResult } from '../../core/package';
import type { LineIndex } from '../../core/text-range';
import { syntaxError } from '../../core/syntax-error';
import { toolchainRelease } from './go-versions';
import type { GoToken } from './modfile-syntax';

// What go.mod and go.work report alike: the syntax error that stops them, and the Go release used.

/** The one error of a go.mod or go.work the go command would not read, and no packages. */
export function modfileFailure(what: string, index: LineIndex, message: string, start: number, end: number): ParseResult {
  return { kind: 'manifest', packages: [], errors: [syntaxError(index, what, message, start, end)] };
}

/**
 * `stdlib` at the `toolchain` release when there is one, else at the `go` version (the minimum Go
 * the module or workspace builds with), as osv-scanner does; undefined with neither line.
 */
export function stdlibPackage(read: { go?: GoToken; toolchain?: GoToken }, index: LineIndex): ExtractedPackage | undefined {
  const toolchain = read.toolchain;
  const release = toolchain ? toolchainRelease(toolchain.text) : undefined;
  const token = release !== undefined ? toolchain : read.go;
  if (!token) return undefined;
  return {
    id: 'go:stdlib',
    ecosystem: 'Go',
    name: 'stdlib',
    version: release ?? token.text,
    requirement: token.text,
    direct: true,
    groups: ['stdlib'],
    source: 'registry',
    versionRange: tokenRange(token, index),
  };
}

/** Quotes are not part of the value a range points at. */
export function tokenRange(token: GoToken, index: LineIndex) {
  return token.quoted ? index.range(token.start + 1, token.end - 1) : index.range(token.start, token.end);
}
