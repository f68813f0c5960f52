import { createHash } from 'node:crypto';
import { field, isRecord, str } from '../json';
import { JsonClient, type JsonClientOptions } from '../json-client';
import { PROVENANCE_MEDIA_TYPE } from './pep740-bundle';

/**
 * Reads a Python package index: the JSON Simple API project page (PEP 691, with PEP 700's
 * `versions` and PEP 740's per-file `provenance`) and the Integrity API's provenance objects.
 * Answers are cached in the store; provenance of a published file never changes.
 */

const SIMPLE_ACCEPT = 'application/vnd.pypi.simple.v1+json';
const CACHE = { simple: 'pypi-simple', provenance: 'pypi-provenance' } as const;
const TTL = { simple: 60 * 60 * 1000, provenance: 7 * 24 * 60 * 60 * 1000 } as const;

export interface IndexFile {
  filename: string;
  sha256?: string;
  /** The PEP 740 `provenance` key: a URL, `null` (no provenance), or undefined (the index does not say: no PEP 740). */
  provenance?: string | null;
}

export interface ProjectPage {
  files: IndexFile[];
  versions: string[];
}

export type PageFetch = { ok: true; page: ProjectPage; fromCache: boolean } | { ok: false; notFound: boolean; reason: string };
/** `digest`: sha256 of the object as received, which names it in verdict keys (hashing it per check costs more). */
export type ProvenanceFetch = { ok: true; doc: unknown; digest: string } | { ok: false; notFound: boolean; reason: string };

export class PypiIndexClient {
  private readonly json: JsonClient;

  constructor(options: JsonClientOptions) {
    this.json = new JsonClient(options);
  }

  /** `<index>/<project>/` as JSON. `refresh` skips the cache (a version newer than the cached page). */
  project(index: string, project: string, refresh = false): Promise<PageFetch> {
    const url = joinUrl(index, `${encodeURIComponent(project)}/`);
    return this.json.once(`simple|${url}|${refresh}`, async () => {
      if (!refresh) {
        const cached = readPage(await this.json.cacheGet(CACHE.simple, url));
        if (cached) return { ok: true, page: cached, fromCache: true };
      }
      const answer = await this.json.get(url, SIMPLE_ACCEPT);
      if (!answer.ok) return { ok: false, notFound: answer.notFound, reason: answer.notFound ? `${project} is not on ${index}` : `${answer.reason} (the index must serve the JSON Simple API, PEP 691)` };
      const page = readPage(answer.json);
      if (!page) return { ok: false, notFound: false, reason: `${url}: not a JSON Simple API project page` };
      await this.json.cacheSet(CACHE.simple, url, page, TTL.simple);
      return { ok: true, page, fromCache: false };
    });
  }

  /** A provenance object, from the URL the index gave (same origin only) or the Integrity API path. */
  provenance(index: string, project: string, version: string, file: IndexFile): Promise<ProvenanceFetch> {
    const url = provenanceUrl(index, project, version, file);
    return this.json.once(`provenance|${url}`, async () => {
      const cached = await this.json.cacheGet(CACHE.provenance, url);
      const cachedDigest = str(field(cached, 'digest'));
      if (cachedDigest && field(cached, 'doc') !== undefined) return { ok: true, doc: field(cached, 'doc'), digest: cachedDigest };
      const answer = await this.json.get(url, PROVENANCE_MEDIA_TYPE);
      if (!answer.ok) return { ok: false, notFound: answer.notFound, reason: answer.reason };
      const digest = createHash('sha256').update(JSON.stringify(answer.json)).digest('hex');
      await this.json.cacheSet(CACHE.provenance, url, { doc: answer.json, digest }, TTL.provenance);
      return { ok: true, doc: answer.json, digest };
    });
  }
}

/**
 * The URL the index advertises when it is on the index's own origin (metadata must not send
 * Chainsight to another host), else `GET <origin>[/prefix]/integrity/<project>/<version>/<file>/provenance`
 * next to the index's `/simple`.
 */
export function provenanceUrl(index: string, project: string, version: string, file: IndexFile): string {
  if (typeof file.provenance === 'string') {
    try {
      const advertised = new URL(file.provenance, joinUrl(index, `${encodeURIComponent(project)}/`));
      if (advertised.origin === new URL(index).origin && /^https?:$/.test(advertised.protocol)) return advertised.toString();
    } catch {
      // fall through to the standard path
    }
  }
  const base = new URL(index);
  const prefix = base.pathname.replace(/\/+$/, '').replace(/\/simple$/, '');
  return `${base.origin}${prefix}/integrity/${[project, version, file.filename].map(encodeURIComponent).join('/')}/provenance`;
}

function readPage(doc: unknown): ProjectPage | undefined {
  const files = field(doc, 'files');
  if (!Array.isArray(files)) return undefined;
  const out: IndexFile[] = [];
  for (const entry of files) {
    const filename = str(field(entry, 'filename'));
    if (!filename) continue;
    const sha256 = str(field(field(entry, 'hashes'), 'sha256'))?.toLowerCase();
    const file: IndexFile = { filename, ...(sha256 && /^[0-9a-f]{64}$/.test(sha256) ? { sha256 } : {}) };
    if (isRecord(entry) && 'provenance' in entry) {
      const provenance = entry.provenance;
      if (provenance === null) file.provenance = null;
      else if (typeof provenance === 'string') file.provenance = provenance;
    }
    out.push(file);
  }
  const versions = field(doc, 'versions');
  return { files: out, versions: Array.isArray(versions) ? versions.filter((v): v is string => typeof v === 'string') : [] };
}

function joinUrl(base: string, relative: string): string {
  return new URL(relative, base.endsWith('/') ? base : `${base}/`).toString();
}
