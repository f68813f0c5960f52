/**
 * Store locations as users give them (`--store`, `CHAINSIGHT_STORE_URL`, `chainsight.store.url`): a
 * file path for the embedded store, or a `postgres://` / `postgresql://` URL for the team store. Kept
 * apart from the PostgreSQL code so that recognising a URL never loads the driver.
 */

export type StoreLocation = { kind: 'file'; path: string } | { kind: 'postgres'; url: string };

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value.trim());
}

/**
 * The URL as it may be shown: the password (if one was given, against the advice of docs/team.md)
 * replaced by `***`, and query parameters that could carry secrets (`password`, `sslpassword`,
 * `sslkey`'s passphrase) masked. Host, port, database, user and TLS settings stay: they are what a
 * reader needs to see which server is meant.
 */
export function redactUrl(url: string): string {
  const text = url.trim();
  const match = /^([a-z]+:\/\/)([^@/?#]*@)?(.*)$/is.exec(text);
  if (!match) return text;
  let [, scheme, auth = '', rest = ''] = match;
  if (auth) {
    const colon = auth.indexOf(':');
    auth = colon >= 0 ? `${auth.slice(0, colon)}:***@` : auth;
  }
  rest = rest.replace(/([?&](?:password|sslpassword)=)[^&#]*/gi, '$1***');
  return `${scheme}${auth}${rest}`;
}

/** `message` with every occurrence of `url` (and of its password, wherever it appears) redacted. */
export function redactIn(message: string, url: string): string {
  let out = message.split(url.trim()).join(redactUrl(url));
  const password = passwordOf(url);
  if (password && password.length >= 3) out = out.split(password).join('***');
  return out;
}

/** The password embedded in a URL, if any (decoded). */
export function passwordOf(url: string): string | undefined {
  const match = /^[a-z]+:\/\/[^:@/?#]*:([^@/?#]*)@/is.exec(url.trim());
  if (match?.[1]) return safeDecode(match[1]);
  const param = /[?&]password=([^&#]*)/i.exec(url);
  return param?.[1] ? safeDecode(param[1]) : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Where a store value points. */
export function storeLocation(value: string): StoreLocation {
  return isPostgresUrl(value) ? { kind: 'postgres', url: value.trim() } : { kind: 'file', path: value };
}

/** How a location is named in messages: the path, or the redacted URL. */
export function describeLocation(location: StoreLocation): string {
  return location.kind === 'file' ? location.path : redactUrl(location.url);
}
