import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * Signed notes (golang.org/x/mod/sumdb/note, C2SP signed-note): a text, a blank line, and lines
 * `— <name> <base64(4-byte key hash ‖ signature)>`. Only Ed25519 verifier keys
 * (`<name>+<hex key hash>+<base64(0x01 ‖ 32-byte key)>`) exist for the checksum database.
 * Verification uses node:crypto; nothing here throws.
 */

export interface NoteVerifier {
  name: string;
  /** First 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ key), big-endian. */
  keyHash: number;
  key: KeyObject;
}

const ED25519_ALGORITHM = 0x01;
// DER prefix of an Ed25519 SubjectPublicKeyInfo: the 32 key bytes follow.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export type VerifierOutcome = { ok: true; verifier: NoteVerifier } | { ok: false; reason: string };

export function parseVerifierKey(text: string): VerifierOutcome {
  // The base64 key may itself contain `+`: split at the first two only, as Go does.
  const match = /^([^+]+)\+([^+]*)\+(.*)$/.exec(text.trim());
  if (!match) return { ok: false, reason: `${text} is not a note verifier key (name+hash+key)` };
  const [, name, hashHex, keyText] = match as unknown as [string, string, string, string];
  if (!isValidName(name) || !/^[0-9a-f]{8}$/.test(hashHex)) return { ok: false, reason: `${text} is not a note verifier key (bad name or key hash)` };
  const raw = Buffer.from(keyText, 'base64');
  if (raw.toString('base64') !== keyText || raw.length !== 33) return { ok: false, reason: `the verifier key of ${name} is not 33 base64 bytes` };
  if (raw[0] !== ED25519_ALGORITHM) return { ok: false, reason: `the verifier key of ${name} uses algorithm ${raw[0]}, not Ed25519` };
  const keyHash = computeKeyHash(name, raw);
  if (keyHash !== Number.parseInt(hashHex, 16)) return { ok: false, reason: `the verifier key of ${name} does not match its key hash ${hashHex}` };
  try {
    const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw.subarray(1)]), format: 'der', type: 'spki' });
    return { ok: true, verifier: { name, keyHash, key } };
  } catch (err) {
    return { ok: false, reason: `the verifier key of ${name} is not an Ed25519 key (${(err as Error).message})` };
  }
}

export function computeKeyHash(name: string, algorithmAndKey: Buffer): number {
  return createHash('sha256').update(`${name}\n`).update(algorithmAndKey).digest().readUInt32BE(0);
}

export type NoteOutcome = { ok: true; text: string; signers: string[] } | { ok: false; reason: string };

/**
 * Opens a signed note: the text, if a signature by `verifier` checks out. A signature that claims
 * to be by the verifier (same name and key hash) and does not verify is an error, as in Go.
 */
export function openNote(message: Buffer | string, verifier: NoteVerifier): NoteOutcome {
  const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  const whole = bytes.toString('utf8');
  if (!Buffer.from(whole, 'utf8').equals(bytes) || /[\x00-\x09\x0b-\x1f\x7f]/.test(whole)) return { ok: false, reason: 'the note is not plain UTF-8 text' };
  const split = whole.lastIndexOf('\n\n');
  if (split < 0 || !whole.endsWith('\n')) return { ok: false, reason: 'the note has no signature block' };
  const text = whole.slice(0, split + 1);
  const lines = whole.slice(split + 2, -1).split('\n');
  if (lines.length > 100) return { ok: false, reason: 'the note has too many signatures' };
  const signers: string[] = [];
  for (const line of lines) {
    const match = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!match) return { ok: false, reason: `malformed signature line: ${line.slice(0, 80)}` };
    const [, name, encoded] = match as unknown as [string, string, string];
    const sig = Buffer.from(encoded, 'base64');
    if (sig.length < 5 || sig.toString('base64') !== encoded) return { ok: false, reason: `malformed signature by ${name}` };
    if (name !== verifier.name || sig.readUInt32BE(0) !== verifier.keyHash) continue;
    let good = false;
    try {
      good = verify(null, Buffer.from(text, 'utf8'), verifier.key, sig.subarray(4));
    } catch {
      good = false;
    }
    if (!good) return { ok: false, reason: `the signature by ${name} does not verify` };
    signers.push(name);
  }
  return signers.length > 0 ? { ok: true, text, signers } : { ok: false, reason: `the note is not signed by ${verifier.name}` };
}

/** Key names: no `+`, no whitespace, printable. */
function isValidName(name: string): boolean {
  return name.length > 0 && !/[+\s]/.test(name) && /^[\x21-\x7e\u0080-\uffff]+$/.test(name);
}
