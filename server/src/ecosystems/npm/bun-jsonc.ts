/**
 * bun.lock is JSON with trailing commas (JSONC). Blanking the trailing commas and any comments with
 * spaces turns it into plain JSON with every offset unchanged, so `JSON.parse` reads the data at
 * native speed and `locateJsonProperties` finds positions in the same text. (jsonc-parser's tree
 * would give positions directly, at several times the cost.)
 */
const TOKENS = /"(?:[^"\\\n]|\\.)*"|,(?=\s*[}\]])|\/\/[^\n]*|\/\*[\s\S]*?\*\//g;

export function jsoncToJson(text: string): string {
  // A byte-order mark is not JSON either; a space keeps the offsets.
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  return body.replace(TOKENS, (token) => {
    if (token.charCodeAt(0) === 34 /* " */) return token;
    // Keep line breaks inside block comments so line numbers stay right.
    return token.replace(/[^\n\r]/g, ' ');
  });
}
