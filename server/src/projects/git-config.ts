import { withoutCredentials } from '../graph/source-url';

/** `section` or `section.subsection` → key → values (lower-case section and key names, as git compares them). */
export type GitConfig = Map<string, Map<string, string[]>>;

/**
 * Reads git's config syntax (git-config(1)): `[section "subsection"]` headers, `key = value` lines,
 * `#`/`;` comments, quoted values with escapes. Includes are not followed.
 */
export function parseGitConfig(text: string): GitConfig {
  const config: GitConfig = new Map();
  let section: Map<string, string[]> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (header) {
      const name = header[2] !== undefined ? `${header[1]!.toLowerCase()}.${header[2].replace(/\\(.)/g, '$1')}` : header[1]!.toLowerCase();
      section = config.get(name) ?? new Map<string, string[]>();
      config.set(name, section);
      continue;
    }
    const entry = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/.exec(line);
    if (!entry || !section) continue;
    const key = entry[1]!.toLowerCase();
    const list = section.get(key) ?? [];
    list.push(configValue(entry[2] ?? 'true'));
    section.set(key, list);
  }
  return config;
}

/** A value: quotes removed, escapes applied, trailing comments cut. */
function configValue(raw: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\\' && i + 1 < raw.length) {
      const next = raw[++i]!;
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
    } else if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '#' || ch === ';')) break;
    else out += ch;
  }
  return out.trim();
}

/** The URL of the branch's remote, else `origin`'s, else the first remote's; credentials removed. */
export function remoteUrlFor(config: GitConfig, branch: string | undefined): string | undefined {
  const preferred = branch ? config.get(`branch.${branch}`)?.get('remote')?.[0] : undefined;
  const names = [preferred, 'origin', ...[...config.keys()].filter((k) => k.startsWith('remote.')).map((k) => k.slice('remote.'.length))];
  for (const name of names) {
    const url = name ? config.get(`remote.${name}`)?.get('url')?.[0] : undefined;
    if (url) return withoutCredentials(url);
  }
  return undefined;
}
