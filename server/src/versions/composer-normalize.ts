// Composer's VersionParser::normalize (composer/semver 3.x), which Composer applies to every
// package version before comparing. Regular expressions are Composer's own, written so that they
// mean the same in JavaScript (ASCII `\d`, `i` flag where Composer has it).

// Composer writes the pre-release digits as `((?:[.-]?\d++)*+)`: a possessive loop. JavaScript has
// none, and the plain loop backtracks exponentially on a long digit run that fails to match later
// (`1.0-beta111…1!`). `[.-]?\d+(?:[.-]\d+)*` matches the same strings with one way to split them.
const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)([.-]?\\d+(?:[.-]\\d+)*)?)?([.-]?dev)?';
const ALIAS = /^([^,\s]+) +as +([^,\s]+)$/;
const STABILITY_FLAG = /@(?:stable|RC|beta|alpha|dev)$/i;
const BUILD_METADATA = /^([^,\s+]+)\+[^\s]+$/;
const CLASSICAL = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, 'i');
const DATE = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3})?)${MODIFIER}$`, 'i');
const DEV_SUFFIX = /^(.*?)[.-]?dev$/i;
const NUMERIC_BRANCH = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i;
// PHP's trim() set.
const PHP_TRIM = /^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g;

/** The normalized version (`1.2.0.0-beta2`, `dev-main`, `1.0.9999999.9999999-dev`), or undefined where Composer throws. */
export function normalizeComposerVersion(input: string): string | undefined {
  let version = input.replace(PHP_TRIM, '');

  const alias = ALIAS.exec(version);
  if (alias) version = alias[1]!;
  const flag = STABILITY_FLAG.exec(version);
  if (flag) version = version.slice(0, version.length - flag[0].length);
  if (version === 'master' || version === 'trunk' || version === 'default') version = `dev-${version}`;
  if (version.slice(0, 4).toLowerCase() === 'dev-') return `dev-${version.slice(4)}`;
  const build = BUILD_METADATA.exec(version);
  if (build) version = build[1]!;

  let m = CLASSICAL.exec(version);
  let index: number;
  if (m) {
    version = m[1]! + (m[2] || '.0') + (m[3] || '.0') + (m[4] || '.0');
    index = 5;
  } else if ((m = DATE.exec(version))) {
    version = m[1]!.replace(/\D/g, '.');
    index = 2;
  } else {
    return normalizeDevSuffix(version);
  }

  const stability = m[index];
  if (stability) {
    // Composer compares this case-sensitively: `-STABLE` is kept as a (strange) modifier.
    if (stability === 'stable') return version;
    const digits = m[index + 1];
    version += `-${expandStability(stability)}${digits ? digits.replace(/^[.-]+/, '') : ''}`;
  }
  if (m[index + 2]) version += '-dev';
  return version;
}

function normalizeDevSuffix(version: string): string | undefined {
  const m = DEV_SUFFIX.exec(version);
  if (!m) return undefined;
  // A `-dev` suffix is only a version when what precedes it is a numeric branch (`2.1.x-dev`).
  const branch = NUMERIC_BRANCH.exec(m[1]!.replace(PHP_TRIM, ''));
  if (!branch) return undefined;
  let out = '';
  for (let i = 1; i < 5; i++) out += branch[i] !== undefined ? branch[i]!.replace(/[*X]/g, 'x') : '.x';
  return `${out.replace(/x/g, '9999999')}-dev`;
}

function expandStability(stability: string): string {
  switch (stability.toLowerCase()) {
    case 'a':
      return 'alpha';
    case 'b':
      return 'beta';
    case 'p':
    case 'pl':
      return 'patch';
    case 'rc':
      return 'RC';
    default:
      return stability.toLowerCase();
  }
}
