import type { EcosystemName, ExtractedPackage, ParseResult } from '../core/package';
import type { TextEdit } from '../core/text-range';
import type { VersionScheme } from '../versions/scheme';
import type { VersionInterval } from '../versions/intervals';
import type { LockfileCommand } from './format';

export type { LockfileCommand } from './format';
export type { TextEdit } from '../core/text-range';

/**
 * A parser: file text in, packages with positions out. No LSP types, never throws. The only I/O it
 * may do goes through `context` (for formats that include other files: `-r other.txt`, a parent
 * POM), and every file it reads that way is listed in `ParseResult.inputs` so the caller knows when
 * to parse again.
 */
export type ParseFn = (path: string, text: string, context?: ParseContext) => ParseResult;

export interface ParseContext {
  /** Text of another file (absolute path), or undefined when it is missing or unreadable. */
  readFile(path: string): string | undefined;
}

/** A file that a parser has already read, handed to fix writers. */
export interface ParsedFile {
  path: string;
  text: string;
  result: ParseResult;
}

export type { VersionInterval } from '../versions/intervals';

/** What a declared requirement (a manifest entry without a lockfile) can resolve to. */
export interface RequirementSemantics {
  /** The one version an exact pin names (`1.2.3`, `==1.2.3`), or undefined for a range. */
  exact(requirement: string): string | undefined;
  /** Whether the requirement admits some version in the interval; undefined when it cannot tell. */
  admits(requirement: string, interval: VersionInterval): boolean | undefined;
  /**
   * Whether two spellings name the same versions, for lockfiles that record the project's
   * requirements in a normal form of their own (NuGet writes `[3.0.0, 4.0.0)` for `[3.0,4.0)`).
   */
  equivalent?(a: string, b: string): boolean;
}

export interface FixWriter {
  /**
   * Edits that move a direct dependency declared in `manifest` to `version`, keeping the
   * requirement's operator style and the file's formatting. Undefined when it cannot be written.
   */
  upgrade(manifest: ParsedFile, pkg: ExtractedPackage, version: string): TextEdit[] | undefined;
  /**
   * Edits that force a transitive package to at least `version` through the ecosystem's own
   * override mechanism (npm `overrides`, yarn `resolutions`, ...), chosen for the lockfile in use.
   */
  override?(manifest: ParsedFile, name: string, version: string, lockfileParser: string | undefined): OverrideFix | undefined;
}

export interface OverrideFix {
  title: string;
  /** Edits to the manifest; empty when the fix is a command (e.g. `cargo update -p X --precise V`). */
  edits: TextEdit[];
  /** A command the user can run instead of (or after) the edit; run only on request, in trusted workspaces. */
  command?: LockfileCommand;
}

export interface Ecosystem {
  name: EcosystemName;
  /** Package URL type: https://github.com/package-url/purl-spec */
  purlType: string;
  scheme: VersionScheme;
  normalizeName(name: string): string;
  /**
   * Parsers by parser id: exactly the ids of the ecosystem's format entries (`files.ts`), which
   * `satisfies ParsersFor<typeof FORMATS>` checks at compile time.
   */
  parsers: Readonly<Record<string, ParseFn>>;
  requirements?: RequirementSemantics;
  fixes?: FixWriter;
  /**
   * The command that brings the lockfile parsed by `lockfileParser` back in line with its manifest,
   * as the format's entry gives it (`lockfileCommandsOf` builds this from the registry).
   * `lockfileText` lets formats shared by several tool versions pick the right flags (yarn 1 vs 3).
   */
  lockfileCommand?(lockfileParser: string, lockfileText?: string): LockfileCommand | undefined;
  /**
   * The resolver keeps one version of each package for the whole project (Bundler, NuGet's "direct
   * dependency wins", pip, Composer, pub, mix), so a direct requirement sets the version every
   * dependent gets. npm-style installs nest other copies, so they do not.
   */
  oneVersionPerPackage?: boolean;
  /** Builds a purl for a package of this ecosystem. */
  purl(name: string, version: string): string;
  /**
   * Where one release ships in parallel variants (Maven's `32.0.0-jre` / `32.0.0-android`): a fix
   * candidate rewritten to the installed version's variant, or undefined to keep it as it is.
   */
  sameReleaseVariant?(installed: string, candidate: string): string | undefined;
}

/** The parsers an ecosystem must bind: one per id of its format entries, no more, no fewer. */
export type ParsersFor<Formats extends ReadonlyArray<{ readonly parser: string }>> = { readonly [Id in Formats[number]['parser']]: ParseFn };
