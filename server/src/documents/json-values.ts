/** Narrowing of untrusted JSON values; nothing here throws or reaches `Object.prototype`. */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property (a document's `__proto__` key is data, never the prototype). */
export function prop(value: unknown, key: string): unknown {
  return isRecord(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

/** A non-blank string, trimmed; undefined for anything else. */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The string at `key`, trimmed and non-blank. */
export function textAt(value: unknown, key: string): string | undefined {
  return text(prop(value, key));
}

/** The array at `key`, else empty. */
export function listAt(value: unknown, key: string): unknown[] {
  const list = prop(value, key);
  return Array.isArray(list) ? list : [];
}

/** The non-blank strings of the array at `key`. */
export function textsAt(value: unknown, key: string): string[] {
  return listAt(value, key).flatMap((v) => {
    const t = text(v);
    return t === undefined ? [] : [t];
  });
}

/** Values without duplicates, first occurrence kept. */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
