/**
 * Escaping for text we did not write (advisory summaries, package metadata, file contents) before it
 * enters Markdown. Hovers are never trusted markdown, but escaping keeps injected links, images,
 * HTML and command URIs as visible text instead of live markup.
 */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&"'$:=]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(MARKDOWN_SPECIAL, (ch) => {
    // `<`, `>`, `&` become entities: a backslash does not stop HTML in every renderer.
    if (ch === '<') return '&lt;';
    if (ch === '>') return '&gt;';
    if (ch === '&') return '&amp;';
    return `\\${ch}`;
  });
}

/** Escapes and keeps the text on one line (for table cells and headings). */
export function escapeInline(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, ' ').trim());
}

/**
 * A link to a URL we accept only when it is http(s); anything else (command:, javascript:, file:) is
 * shown as text. Characters that would end the Markdown link are percent-encoded.
 */
export function markdownLink(label: string, url: string): string {
  const safe = safeHttpUrl(url);
  if (!safe) return escapeInline(label);
  return `[${escapeInline(label)}](${safe.replace(/[()<> \\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`;
}

export function safeHttpUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return parsed.toString();
}

/** Escapes text for HTML element content and attribute values (webviews). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}
