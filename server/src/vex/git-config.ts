/**
 * git's configuration file syntax (git-config(1), "CONFIGURATION FILE"), as much as reading a few
 * variables needs: sections and subsections, case-insensitive section and key names, quoted values
 * with escapes, comments, and lines continued with a backslash. Never throws; a line it cannot read
 * is skipped, as git would refuse the file but an editor should keep working.
 */
export interface GitConfigEntry {
  /** Lower-cased section name (`user`, `include`, `includeif`). */
  section: string;
  /** As written (subsections are case-sensitive). */
  subsection?: string;
  /** Lower-cased variable name. */
  key: string;
  /** The value after unquoting and unescaping; `true` for a bare key. */
  value: string;
}

export function parseGitConfig(text: string): GitConfigEntry[] {
  const out: GitConfigEntry[] = [];
  let section: string | undefined;
  let subsection: string | undefined;
  const lines = joinContinuations(text.replace(/^\uFEFF/, ''));
  for (const raw of lines) {
    let line = raw.trimStart();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
      if (!header) {
        section = undefined;
        continue;
      }
      const name = header[1]!;
      if (header[2] !== undefined) {
        section = name.toLowerCase();
        subsection = header[2].replace(/\\(.)/g, '$1');
      } else {
        // The deprecated `[section.subsection]` form.
        const dot = name.indexOf('.');
        section = (dot === -1 ? name : name.slice(0, dot)).toLowerCase();
        subsection = dot === -1 ? undefined : name.slice(dot + 1).toLowerCase();
      }
      line = line.slice(header[0].length).trimStart();
      if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    }
    if (section === undefined) continue;
    const key = /^([A-Za-z][A-Za-z0-9-]*)\s*(=?)/.exec(line);
    if (!key) continue;
    const value = key[2] === '=' ? unquote(line.slice(key[0].length)) : 'true';
    out.push({ section, ...(subsection !== undefined ? { subsection } : {}), key: key[1]!.toLowerCase(), value });
  }
  return out;
}

/** A backslash at the very end of a line joins it with the next (outside comments, as git reads it). */
function joinContinuations(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const line of text.split(/\r?\n/)) {
    if (line.endsWith('\\') && !line.endsWith('\\\\')) pending += line.slice(0, -1);
    else {
      out.push(pending + line);
      pending = '';
    }
  }
  if (pending) out.push(pending);
  return out;
}

/** Value syntax: whitespace trimmed at both ends, kept inside; `"…"` quotes; `\" \\ \n \t \b` escapes; `#`/`;` start a comment outside quotes. */
function unquote(text: string): string {
  let out = '';
  let quoted = false;
  let trailingSpace = '';
  const s = text.trimStart();
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"') {
      quoted = !quoted;
      out += trailingSpace;
      trailingSpace = '';
    } else if (c === '\\' && i + 1 < s.length) {
      const next = s[++i]!;
      const escaped = next === 'n' ? '\n' : next === 't' ? '\t' : next === 'b' ? '\b' : next;
      out += trailingSpace + escaped;
      trailingSpace = '';
    } else if (!quoted && (c === '#' || c === ';')) {
      break;
    } else if (!quoted && (c === ' ' || c === '\t')) {
      trailingSpace += c;
    } else {
      out += trailingSpace + c;
      trailingSpace = '';
    }
  }
  return out;
}
