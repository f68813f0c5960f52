import { isLocalPath, isModuleVersion } from './go-versions';
import type { GoDirective, GoToken } from './modfile-syntax';

/**
 * The `replace` directive, which go.mod and go.work write alike: `old [v] => new [v]`, the new side
 * a module version or a local directory.
 */
export interface GoReplace {
  oldPath: GoToken;
  oldVersion?: GoToken;
  newPath: GoToken;
  newVersion?: GoToken;
}

/** A directive the go command would reject: its message and the offsets to report it at. */
export interface DirectiveError {
  message: string;
  start: number;
  end: number;
}

export function readReplace(d: GoDirective): GoReplace | DirectiveError {
  const arrow = d.args.findIndex((t) => !t.quoted && t.text === '=>');
  const usage = { message: 'usage: replace module/path [v1.2.3] => other/module v1.4.5 (or => ./local/dir)', start: d.verbToken.start, end: d.lineEnd };
  if (arrow < 1 || arrow > 2 || d.args.length - arrow - 1 < 1 || d.args.length - arrow - 1 > 2) return usage;
  const replace: GoReplace = { oldPath: d.args[0]!, newPath: d.args[arrow + 1]! };
  if (arrow === 2) replace.oldVersion = d.args[1]!;
  if (d.args.length - arrow - 1 === 2) {
    const version = d.args[arrow + 2]!;
    if (!isModuleVersion(version.text)) return { message: `invalid module version "${version.text}"`, start: version.start, end: version.end };
    replace.newVersion = version;
  } else if (!isLocalPath(replace.newPath.text)) {
    return { message: `replacement module without version must be a directory path (rooted or starting with ./ or ../)`, start: replace.newPath.start, end: replace.newPath.end };
  }
  return replace;
}
