import type { EcosystemName } from '../core/package';

/**
 * One dependency file format, as one plain-data entry: everything Chainsight knows about the file
 * apart from how to parse it (the ecosystem's `parsers` map binds that, checked against these ids at
 * compile time). Plain data so the client can import the list for its document selector without
 * pulling parsers into its bundle. Each ecosystem lists its formats `as const` in its `files.ts`;
 * `ecosystems/files.ts` joins them and derives `ParserId` from them.
 */
export interface FormatEntry<Id extends string = string> {
  /** `<ecosystem folder>/<format>`, unique. */
  readonly parser: Id;
  readonly ecosystem: EcosystemName;
  readonly kind: 'manifest' | 'lockfile';
  /** Base-name globs (`*` matches within the name), matched case-insensitively. */
  readonly patterns: readonly string[];
  /**
   * The VS Code language the file opens in with Chainsight installed (one package.json contributes,
   * or one VS Code has built in). A test checks package.json against it.
   */
  readonly language: string;
  /** What the format's own tools do with a UTF-8 byte-order mark at the start of the file. */
  readonly byteOrderMark: ByteOrderMarkPolicy;
  /** The command that brings this lockfile back in line with its manifest, run without a shell. */
  readonly lockfileCommand?: LockfileCommandSpec;
  /**
   * For lockfiles: how strongly to prefer this one when a folder holds several for the same
   * manifest (higher wins), e.g. npm-shrinkwrap.json over package-lock.json, as npm itself does.
   */
  readonly priority?: number;
  /** For manifests: the lockfile parsers that resolve this manifest, in preference order. */
  readonly lockfiles?: readonly Id[];
  /**
   * For lockfiles: parsers whose file in the same folder the package manager ignores when this one
   * is present (npm reads npm-shrinkwrap.json and ignores package-lock.json next to it).
   */
  readonly shadows?: readonly Id[];
  /**
   * For lockfiles: the fields of the paired manifest through which this lockfile's tool forces the
   * versions of packages the project does not depend on directly (npm `overrides`, yarn
   * `resolutions`, `[tool.uv] constraint-dependencies`, Composer `conflict`), and the one a fix
   * writes. Paths run from the manifest's root.
   */
  readonly overrides?: ManifestOverrides;
  /** For lockfiles: the tool that writes it, as package.json's `packageManager` names it (`pnpm@9.1.0`). */
  readonly writtenBy?: string;
}

/** A command that refreshes a lockfile after its manifest changed. Run without a shell. */
export interface LockfileCommand {
  command: string;
  args: string[];
}

/**
 * A fixed command, or one chosen from the lockfile's text where one file name serves several tool
 * generations (yarn 1 and yarn 3 share yarn.lock but not their flags); the text is undefined when
 * the caller does not have it.
 */
export type LockfileCommandSpec = { readonly command: string; readonly args: readonly string[] } | ((lockfileText: string | undefined) => LockfileCommand);

/**
 * `'accepted'`: the tool reads past a leading byte-order mark, and so does Chainsight. Otherwise the
 * tools named in `rejectedBy` fail on it (or misread the file): with no `acceptedBy` the file is an
 * error at 1:1, as it is for the tool; where some of the format's tools read it (`acceptedBy`) it is
 * read and the mark is a warning.
 */
export type ByteOrderMarkPolicy = 'accepted' | { readonly rejectedBy: string; readonly acceptedBy?: string };

export interface ManifestOverrides {
  /** Every field the tool honours. */
  readonly read: readonly (readonly string[])[];
  /** The field a transitive fix writes, and the words its title uses for one entry. */
  readonly write?: { readonly path: readonly string[]; readonly label: string };
  /** The field names versions to keep out (Composer `conflict`), not versions to use. */
  readonly excludes?: boolean;
}

/** The command for a lockfile of this format, or undefined where it has none. */
export function lockfileCommandOf(entry: Pick<FormatEntry, 'lockfileCommand'>, lockfileText?: string): LockfileCommand | undefined {
  const spec = entry.lockfileCommand;
  if (spec === undefined) return undefined;
  // A fresh copy: callers may keep or change it, and the entry is shared.
  if (typeof spec === 'function') return spec(lockfileText);
  return { command: spec.command, args: [...spec.args] };
}
