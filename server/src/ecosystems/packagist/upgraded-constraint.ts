import { isBranchConstraint, stripFlags } from './composer-constraint';

/**
 * The composer.json constraint that moves a requirement to `fixed`, in the style written:
 * `^1.2` → `^fixed`, `~1.2.3` → `~fixed` (same series), `>=1.0` → `>=fixed`, an exact `1.2.3`
 * → `fixed`, `1.2.*` → `~fixed` (the same series from the fix on). `~1.2` (which admits up to
 * 2.0) and anything more elaborate (`||` alternatives, hyphen ranges, `*`) become `^fixed`.
 * A stability flag (`@beta`) is kept. Branch constraints are left alone (undefined).
 */
export function upgradedComposerConstraint(current: string, fixed: string): string | undefined {
  if (isBranchConstraint(current)) return undefined;
  const flag = /@(stable|RC|beta|alpha|dev)\b/i.exec(current)?.[0] ?? '';
  const text = stripFlags(current);
  const m = /^(\^|~|>=|>|==|=)?\s*(v?)(\d+(?:\.\d+){0,3}|\d+(?:\.\d+)*\.[*x])$/i.exec(text);
  if (!m) return `^${fixed}${flag}`;
  const op = m[1] ?? '';
  const version = m[3]!;
  let out: string;
  if (/[*x]$/i.test(version)) out = `~${fixed}`;
  else if (op === '~') out = version.split('.').length >= 3 ? `~${fixed}` : `^${fixed}`;
  else if (op === '>') out = `>=${fixed}`;
  else out = `${op}${fixed}`;
  return `${out}${flag}`;
}

