/**
 * A transparency log's tree head as a signed note states it: the origin line (`go.sum database
 * tree` for the checksum database), the tree size, the base64 root hash, then optional extension
 * lines (C2SP tlog-checkpoint).
 */

export interface TreeHead {
  /** Number of records. */
  n: number;
  /** 32-byte root hash. */
  hash: Buffer;
}

export const GO_SUMDB_ORIGIN = 'go.sum database tree';

export type TreeOutcome = { ok: true; tree: TreeHead } | { ok: false; reason: string };

export function parseTreeNote(text: string, origin: string): TreeOutcome {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') return { ok: false, reason: 'the tree head is not three lines' };
  if (lines[0] !== origin) return { ok: false, reason: `the tree head is for ${JSON.stringify(lines[0]!.slice(0, 80))}, not ${origin}` };
  const size = lines[1]!;
  if (!/^(0|[1-9]\d{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) return { ok: false, reason: 'the tree head has no valid size' };
  const hash = Buffer.from(lines[2]!, 'base64');
  if (hash.length !== 32 || hash.toString('base64') !== lines[2]) return { ok: false, reason: 'the tree head has no valid root hash' };
  return { ok: true, tree: { n: Number(size), hash } };
}

/** `<id>\n<text>\n` then the rest (the lookup's signed tree note). The text ends in "\n" and has no blank line. */
export function parseRecord(data: Buffer): { ok: true; id: number; text: Buffer; rest: Buffer } | { ok: false; reason: string } {
  const firstLine = data.indexOf(0x0a);
  const idText = firstLine > 0 ? data.subarray(0, firstLine).toString('latin1') : '';
  if (!/^(0|[1-9]\d{0,15})$/.test(idText)) return { ok: false, reason: 'the record has no valid id' };
  const end = data.indexOf('\n\n', firstLine + 1);
  if (end < 0) return { ok: false, reason: 'the record has no end' };
  const text = data.subarray(firstLine + 1, end + 1);
  if (text.length === 0 || /[\x00-\x09\x0b-\x1f\x7f]/.test(text.toString('utf8'))) return { ok: false, reason: 'the record text is not plain lines' };
  return { ok: true, id: Number(idText), text, rest: data.subarray(end + 2) };
}
