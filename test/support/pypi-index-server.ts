import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * A Python package index on 127.0.0.1 serving the real PEP 740 fixtures (test/fixtures/pypi-pep740):
 * the JSON Simple API (PEP 691, with PEP 740's per-file `provenance` URL) at `/simple/<project>/` and
 * the Integrity API at `/integrity/<project>/<version>/<file>/provenance`. `mirror` mode is an index
 * that knows nothing of PEP 740: no `provenance` key, no Integrity API.
 */

export const PEP740_FIXTURES = join(__dirname, '..', 'fixtures', 'pypi-pep740');

export interface IndexedDistribution {
  project: string;
  version: string;
  filename: string;
  sha256: string;
  /** The Integrity API's provenance object, or null when the file has none. */
  provenance: unknown;
}

const read = (...parts: string[]): Buffer => readFileSync(join(PEP740_FIXTURES, ...parts));
const attestation = (...parts: string[]): unknown => JSON.parse(read(...parts).toString('utf8'));
const provenanceOf = (publisher: unknown, attestations: unknown[]): unknown => ({ version: 1, attestation_bundles: [{ publisher, attestations }] });

function distribution(folder: string, filename: string, project: string, version: string, provenance: unknown): IndexedDistribution {
  return { project, version, filename, sha256: createHash('sha256').update(read(folder, filename)).digest('hex'), provenance };
}

/** Every distribution the index serves, with the Trusted Publisher PyPI would name for it. */
export const DISTRIBUTIONS: readonly IndexedDistribution[] = [
  distribution('pypi_attestations-0.0.19', 'pypi_attestations-0.0.19.tar.gz', 'pypi-attestations', '0.0.19', JSON.parse(read('pypi_attestations-0.0.19', 'pypi_attestations-0.0.19.tar.gz.provenance').toString('utf8'))),
  distribution('pypi_attestation_models-0.0.4a2', 'pypi_attestation_models-0.0.4a2.tar.gz', 'pypi-attestation-models', '0.0.4a2', provenanceOf({ kind: 'GitHub', repository: 'trailofbits/pypi-attestation-models', workflow: 'release.yml', environment: null }, [attestation('pypi_attestation_models-0.0.4a2', 'pypi_attestation_models-0.0.4a2.tar.gz.attestation')])),
  distribution('gitlab_oidc_project-0.0.3', 'gitlab_oidc_project-0.0.3.tar.gz', 'gitlab-oidc-project', '0.0.3', provenanceOf({ kind: 'GitLab', repository: 'facutuesca/gitlab-oidc-project', workflow_filepath: '.gitlab-ci.yml', environment: '' }, [attestation('gitlab_oidc_project-0.0.3', 'gitlab_oidc_project-0.0.3.tar.gz.publish.attestation')])),
  distribution('rfc8785-0.1.2', 'rfc8785-0.1.2-py3-none-any.whl', 'rfc8785', '0.1.2', provenanceOf(null, [attestation('rfc8785-0.1.2', 'rfc8785-0.1.2-py3-none-any.whl.publish.attestation')])),
  distribution('sampleproject-3.0.0', 'sampleproject-3.0.0.tar.gz', 'sampleproject', '3.0.0', provenanceOf(null, [attestation('sampleproject-3.0.0', 'sampleproject-3.0.0.tar.gz.publish.attestation')])),
];

export type IndexMode = 'normal' | 'mirror';

export interface PypiIndexServer {
  /** The index URL, `http://127.0.0.1:<port>/simple`. */
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startPypiIndexServer(mode: IndexMode = 'normal', extra: readonly IndexedDistribution[] = []): Promise<PypiIndexServer> {
  const all = [...DISTRIBUTIONS, ...extra];
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    requests.push(path);
    const simple = /^\/simple\/([^/]+)\/?$/.exec(path);
    if (simple) {
      const files = all.filter((d) => d.project === simple[1]);
      if (files.length === 0) return send(res, 404, 'text/plain', 'not found');
      const body = {
        meta: { 'api-version': '1.3' },
        name: simple[1],
        versions: [...new Set(files.map((f) => f.version))],
        files: files.map((f) => ({
          filename: f.filename,
          url: `/files/${f.filename}`,
          hashes: { sha256: f.sha256 },
          ...(mode === 'normal' ? { provenance: f.provenance === null ? null : `/integrity/${f.project}/${f.version}/${f.filename}/provenance` } : {}),
        })),
      };
      return send(res, 200, 'application/vnd.pypi.simple.v1+json', JSON.stringify(body));
    }
    const integrity = /^\/integrity\/([^/]+)\/([^/]+)\/([^/]+)\/provenance$/.exec(path);
    const found = integrity && mode === 'normal' ? all.find((d) => d.project === integrity[1] && d.version === integrity[2] && d.filename === integrity[3]) : undefined;
    if (found?.provenance) return send(res, 200, 'application/vnd.pypi.integrity.v1+json', JSON.stringify(found.provenance));
    return send(res, 404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/simple`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** A uv.lock pinning the given distributions by file name and sha256 (`tamper` replaces one sha256). */
export function uvLockFor(distributions: readonly IndexedDistribution[], index: string, tamper?: string): string {
  const lines = ['version = 1', 'requires-python = ">=3.9"', ''];
  for (const d of distributions) {
    const sha = d.project === tamper ? createHash('sha256').update(`tampered ${d.filename}`).digest('hex') : d.sha256;
    const kind = d.filename.endsWith('.whl') ? `wheels = [{ url = "${index.replace(/\/simple$/, '')}/files/${d.filename}", hash = "sha256:${sha}" }]` : `sdist = { url = "${index.replace(/\/simple$/, '')}/files/${d.filename}", hash = "sha256:${sha}" }`;
    lines.push('[[package]]', `name = "${d.project}"`, `version = "${d.version}"`, `source = { registry = "${index}" }`, kind, '');
  }
  return lines.join('\n');
}
