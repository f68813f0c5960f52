import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * A real npm registry on 127.0.0.1 built from the recorded Sigstore fixtures
 * (test/fixtures/sigstore): packuments (abbreviated or full, by Accept header), `/-/npm/v1/keys`
 * and `/-/npm/v1/attestations/<name>@<version>`. Modes reproduce what users meet: a mirror that
 * strips signatures, a tampered integrity, a version without the provenance its predecessor had,
 * a version published after its signing key expired, and a previous version whose attestation was
 * forged to name another repository. Faults can be injected per path.
 */

export const SIGSTORE_FIXTURES = join(__dirname, '..', 'fixtures', 'sigstore');

export type RegistryMode = 'normal' | 'mirror' | 'tampered-integrity' | 'regression' | 'expired-key' | 'forged-previous';
export type RegistryFault = 'malformed-json' | 'server-error' | 'hang' | 'not-found';

export interface RegistryServerOptions {
  mode?: RegistryMode;
  /** Request path (as sent, e.g. `/kms-demo`) → fault. */
  faults?: Record<string, RegistryFault>;
  /** Leave `dist.attestations.url` pointing at registry.npmjs.org, as recorded. */
  upstreamAttestationUrls?: boolean;
}

export interface RegistryServer {
  url: string;
  close(): Promise<void>;
  /** `GET /path` per request, in arrival order. */
  requests: string[];
  /** Accept header per request, in the same order. */
  accepts: string[];
}

/** A lockfile entry for a package the server knows. */
export interface FixtureLockEntry {
  name: string;
  version: string;
  integrity: string;
}

interface SignatureCase extends FixtureLockEntry {
  signatures: Array<{ keyid: string; sig: string }>;
  expected: string[];
  /** Where the case was recorded (npm/cli test fixtures, packuments) or how it was derived. */
  src?: string;
  tarball?: string;
  attestations?: { url: string; provenance: { predicateType: string } };
}

const readJson = (...parts: string[]): any => JSON.parse(readFileSync(join(SIGSTORE_FIXTURES, ...parts), 'utf8'));

export const SIGNATURE_CASES: SignatureCase[] = readJson('npm-registry-signatures', 'registry-signature-cases.json').cases;
const TUF_KEYS = readJson('trust', 'npm-registry-keys.tuf-target.json');
const ATTESTATIONS: Record<string, unknown> = {
  'sigstore@1.0.0': readJson('npm-attestations', 'valid-sigstore-attestations.json'),
  'tuf-js@1.0.0': readJson('npm-attestations', 'valid-tuf-js-attestations.json'),
};
/** Rekor integration time of each attested version: when it was published. */
const ATTESTED_PUBLISH_TIME: Record<string, string> = {
  'sigstore@1.0.0': '2023-02-09T17:56:00.000Z',
  'tuf-js@1.0.0': '2023-02-09T17:38:25.000Z',
};

/** Lockfile entries of every version the normal registry serves (the 21 signature cases, less the bogus duplicate). */
export const FIXTURE_LOCK_ENTRIES: readonly FixtureLockEntry[] = uniqueEntries(SIGNATURE_CASES);

/** The version regression mode adds: published after sigstore@1.0.0, without provenance. */
export const REGRESSION_ENTRY: FixtureLockEntry = {
  name: 'sigstore',
  version: '1.0.1',
  integrity: `sha512-${createHash('sha512').update('chainsight synthetic sigstore@1.0.1 tarball').digest('base64')}`,
};

/** The version forged-previous mode adds before sigstore@1.0.0: its provenance was edited after signing. */
export const FORGED_PREVIOUS_ENTRY: FixtureLockEntry = {
  name: 'sigstore',
  version: '0.9.0',
  integrity: `sha512-${createHash('sha512').update('chainsight synthetic sigstore@0.9.0 tarball').digest('base64')}`,
};

/** sigstore@1.0.0's attestations with the provenance statement edited to name another repository. */
function forgedAttestations(): unknown {
  const doc = structuredClone(ATTESTATIONS['sigstore@1.0.0']) as { attestations: Array<{ bundle: { dsseEnvelope: { payload: string } } }> };
  const envelope = doc.attestations[0]!.bundle.dsseEnvelope;
  const statement = Buffer.from(envelope.payload, 'base64').toString('utf8');
  envelope.payload = Buffer.from(statement.replaceAll('sigstore/sigstore-js', 'attacker/sigstore-js').replaceAll('sigstore@1.0.0', 'sigstore@0.9.0')).toString('base64');
  return doc;
}

/** Where tampered-integrity and expired-key modes make their change. */
export const TAMPERED = { name: 'has-package-exports', version: '1.3.0', attested: { name: 'sigstore', version: '1.0.0' } } as const;
export const EXPIRED_KEY_PUBLISH_TIME = '2025-06-01T00:00:00.000Z';

export async function startRegistryServer(options: RegistryServerOptions = {}): Promise<RegistryServer> {
  const mode = options.mode ?? 'normal';
  const testKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const testKeyId = 'SHA256:chainsight-local-test-key';
  const requests: string[] = [];
  const accepts: string[] = [];
  let base = '';

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(`${req.method} ${path}`);
    accepts.push(String(req.headers.accept ?? ''));
    const fault = options.faults?.[path];
    if (fault) return injectFault(fault, res);
    const answer = route(path, req);
    if (!answer) return send(res, 404, { error: 'Not found' });
    send(res, 200, answer);
  });

  const route = (path: string, req: IncomingMessage): unknown => {
    if (path === '/-/npm/v1/keys') return mode === 'mirror' ? undefined : keysDocument(testKey.publicKey, testKeyId);
    const attestation = /^\/-\/npm\/v1\/attestations\/(.+)$/.exec(path);
    if (attestation) {
      const spec = decodeURIComponent(attestation[1]!);
      if (mode === 'forged-previous' && spec === `${FORGED_PREVIOUS_ENTRY.name}@${FORGED_PREVIOUS_ENTRY.version}`) return forgedAttestations();
      return mode === 'mirror' ? undefined : ATTESTATIONS[spec];
    }
    const name = decodeURIComponent(path.slice(1));
    const packument = buildPackument(name, mode, base, options, (message) => sign('sha256', Buffer.from(message), testKey.privateKey).toString('base64'), testKeyId);
    if (!packument) return undefined;
    const corgi = String(req.headers.accept ?? '').startsWith('application/vnd.npm.install-v1+json');
    return corgi ? abbreviate(packument) : packument;
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/`,
    requests,
    accepts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Both npm keys in the registry endpoint's shape (expiry from the TUF target), plus a local test key. */
function keysDocument(testPublicKey: KeyObject, testKeyId: string): unknown {
  const signingKeys = TUF_KEYS.keys.filter((k: any) => k.keyUsage === 'npm:signatures');
  return {
    keys: [
      ...signingKeys.map((k: any) => ({
        expires: k.publicKey.validFor.end ?? null,
        keyid: k.keyId,
        keytype: 'ecdsa-sha2-nistp256',
        scheme: 'ecdsa-sha2-nistp256',
        key: k.publicKey.rawBytes,
      })),
      { expires: null, keyid: testKeyId, keytype: 'ecdsa-sha2-nistp256', scheme: 'ecdsa-sha2-nistp256', key: testPublicKey.export({ format: 'der', type: 'spki' }).toString('base64') },
    ],
  };
}

type Packument = { name: string; 'dist-tags': Record<string, string>; versions: Record<string, any>; time?: Record<string, string>; modified?: string };

function buildPackument(
  name: string,
  mode: RegistryMode,
  base: string,
  options: RegistryServerOptions,
  signWithTestKey: (message: string) => string,
  testKeyId: string,
): Packument | undefined {
  let packument: Packument | undefined;
  if (name === 'has-package-exports') packument = readJson('npm-packuments', 'has-package-exports.json');
  else if (name === '@ljharb/has-package-exports-patterns') packument = readJson('npm-packuments', 'has-package-exports-patterns.json');
  else packument = synthesizedPackument(name);
  if (!packument) return undefined;

  if (mode === 'regression' && name === REGRESSION_ENTRY.name) {
    const message = `${REGRESSION_ENTRY.name}@${REGRESSION_ENTRY.version}:${REGRESSION_ENTRY.integrity}`;
    packument.versions[REGRESSION_ENTRY.version] = {
      name,
      version: REGRESSION_ENTRY.version,
      dist: {
        integrity: REGRESSION_ENTRY.integrity,
        tarball: `https://registry.npmjs.org/${name}/-/${name}-${REGRESSION_ENTRY.version}.tgz`,
        signatures: [{ keyid: testKeyId, sig: signWithTestKey(message) }],
      },
    };
    packument.time = { ...packument.time, [REGRESSION_ENTRY.version]: '2023-03-01T00:00:00.000Z', modified: '2023-03-01T00:00:00.000Z' };
    packument['dist-tags'] = { latest: REGRESSION_ENTRY.version };
  }
  if (mode === 'forged-previous' && name === FORGED_PREVIOUS_ENTRY.name) {
    const { version, integrity } = FORGED_PREVIOUS_ENTRY;
    packument.versions[version] = {
      name,
      version,
      dist: {
        integrity,
        tarball: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz`,
        signatures: [{ keyid: testKeyId, sig: signWithTestKey(`${name}@${version}:${integrity}`) }],
        attestations: { url: `https://registry.npmjs.org/-/npm/v1/attestations/${name}@${version}`, provenance: { predicateType: 'https://slsa.dev/provenance/v0.2' } },
      },
    };
    packument.time = { ...packument.time, [version]: '2023-01-15T00:00:00.000Z' };
  }
  if (mode === 'tampered-integrity') {
    for (const target of [TAMPERED, TAMPERED.attested]) {
      const dist = target.name === name ? packument.versions[target.version]?.dist : undefined;
      if (dist) dist.integrity = `sha512-${createHash('sha512').update(`tampered ${target.name}@${target.version}`).digest('base64')}`;
    }
  }
  if (mode === 'expired-key' && name === TAMPERED.name && packument.time) {
    packument.time = { ...packument.time, [TAMPERED.version]: EXPIRED_KEY_PUBLISH_TIME, modified: EXPIRED_KEY_PUBLISH_TIME };
  }
  for (const manifest of Object.values(packument.versions)) {
    const dist = manifest.dist;
    if (mode === 'mirror') {
      delete dist.signatures;
      delete dist.attestations;
    } else if (dist.attestations && !options.upstreamAttestationUrls) {
      dist.attestations.url = dist.attestations.url.replace('https://registry.npmjs.org', base);
    }
  }
  return packument;
}

/** Packuments for the signature cases outside the two recorded packuments (DERIVED from the cases). */
function synthesizedPackument(name: string): Packument | undefined {
  const cases = SIGNATURE_CASES.filter((c) => c.name === name);
  if (cases.length === 0) return undefined;
  const versions: Record<string, any> = {};
  const time: Record<string, string> = {};
  for (const c of cases) {
    // The recorded bogus-signature copy of kms-demo@1.0.0 belongs to unit tests, not to this registry.
    if (versions[c.version]) continue;
    versions[c.version] = {
      name,
      version: c.version,
      dist: {
        integrity: c.integrity,
        tarball: c.tarball ?? `https://registry.npmjs.org/${name}/-/${name}-${c.version}.tgz`,
        signatures: c.signatures,
        ...(c.attestations ? { attestations: structuredClone(c.attestations) } : {}),
      },
    };
    const published = ATTESTED_PUBLISH_TIME[`${name}@${c.version}`];
    if (published) time[c.version] = published;
  }
  const latest = Object.keys(versions).pop()!;
  const modified = Object.values(time).sort().pop();
  return {
    name,
    'dist-tags': { latest },
    versions,
    ...(modified ? { time: { ...time, modified }, modified } : {}),
  };
}

/** The abbreviated ("corgi") document: install fields only, no per-version time. */
function abbreviate(packument: Packument): unknown {
  const versions: Record<string, unknown> = {};
  for (const [version, manifest] of Object.entries(packument.versions)) {
    versions[version] = { name: manifest.name ?? packument.name, version, dist: manifest.dist, ...(manifest.dependencies ? { dependencies: manifest.dependencies } : {}) };
  }
  const modified = packument.modified ?? packument.time?.modified;
  return { name: packument.name, 'dist-tags': packument['dist-tags'], versions, ...(modified ? { modified } : {}) };
}

function uniqueEntries(cases: SignatureCase[]): FixtureLockEntry[] {
  const seen = new Set<string>();
  const entries: FixtureLockEntry[] = [];
  for (const c of cases) {
    const id = `${c.name}@${c.version}`;
    if (seen.has(id)) continue;
    seen.add(id);
    entries.push({ name: c.name, version: c.version, integrity: c.integrity });
  }
  return entries;
}

function injectFault(fault: RegistryFault, res: ServerResponse): void {
  if (fault === 'hang') return; // never answers; the client's deadline must end the request
  if (fault === 'not-found') return send(res, 404, { error: 'Not found' });
  if (fault === 'server-error') return send(res, 500, { error: 'Internal' });
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"name": "truncated", "versions": {');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
