// The store the graph's questions are asked of: scans of the real-world lockfiles (and the example
// app) recorded at chosen commits, plus real SBOMs, a real CycloneDX VEX and npm's real provenance
// attestation for sigstore@1.0.0, read by the document readers (server/src/documents).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanFolder } from '../../../server/src/analysis/scan';
import type { DocumentReadResult, SupplyChainDocument, VexDocument } from '../../../server/src/documents/types';
import { SupplyChainGraph, type GraphOptions } from '../../../server/src/graph/graph-store';
import { createLocalSource } from '../../../server/src/osv/local-source';
import { identifyProject } from '../../../server/src/projects/project-identity';
import { openStore } from '../../../server/src/store/open-store';
import type { MetadataStore } from '../../../server/src/store/metadata-store';
import { FIXTURES, tempWorkspace, type TempWorkspace } from '../../support/temp-workspace';
import { DocumentReader } from '../../../server/src/documents';
import { readTrustedRootFile } from '../../../server/src/provenance/trusted-root';

export const STORE_FIXTURES = join(FIXTURES, 'store');
const REALWORLD = join(FIXTURES, 'realworld');
export const GOOF_V1 = '1a2b3c4d5e6f70819293a4b5c6d7e8f901234567';
export const GOOF_V2 = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
export const NPM_CLI = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';
export const APP_BEFORE = 'aaaa0000aaaa0000aaaa0000aaaa0000aaaa0000';
export const APP_AFTER = 'bbbb1111bbbb1111bbbb1111bbbb1111bbbb1111';
const EXAMPLE_APP = join(FIXTURES, '../../examples/npm-app');

/** A clock that moves one minute per reading, so "latest" and "when" are exact. */
export function steppingClock(start = Date.parse('2026-01-01T00:00:00Z')): () => number {
  let t = start - 60_000;
  return () => (t += 60_000);
}

export function source() {
  return createLocalSource(join(FIXTURES, 'osv-npm'));
}

/** Scans `folder` (a copy in a temp workspace, so no enclosing .git is found) and records it. */
export async function recordFolder(graph: SupplyChainGraph, folder: string, options: { name?: string; commit?: string; workspaces?: TempWorkspace[] } = {}) {
  const ws = tempWorkspace({ app: { copyFrom: folder } });
  options.workspaces?.push(ws);
  const root = ws.path('app');
  const { analysis } = await scanFolder(root, source());
  const project = await identifyProject(root, { analysis, ...(options.name ? { name: options.name } : {}), ...(options.commit ? { commit: options.commit } : {}) });
  return graph.recordScan({ analysis, project, root, tool: 'chainsight test' });
}

export function fixtureBytes(relative: string): Uint8Array {
  return readFileSync(join(STORE_FIXTURES, relative));
}

export function document(result: DocumentReadResult): SupplyChainDocument {
  if (!result.ok) throw new Error(`the reader refused the fixture: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.document;
}

/** A fixture document (`sbom/…`, `vex/…`) read by the document readers. */
export function readFixture(relative: string, reader = new DocumentReader()): SupplyChainDocument {
  return document(reader.read(relative.split('/').pop()!, fixtureBytes(relative)));
}

/** npm's real SLSA provenance bundle for sigstore@1.0.0, verified against the public-good root. */
export async function sigstoreProvenance(reader = new DocumentReader()): Promise<SupplyChainDocument> {
  const answer = JSON.parse(readFileSync(join(FIXTURES, 'sigstore/npm-attestations/valid-sigstore-attestations.json'), 'utf8')) as { attestations: Array<{ predicateType: string; bundle: unknown }> };
  const bundle = answer.attestations.find((a) => a.predicateType === 'https://slsa.dev/provenance/v0.2')!.bundle;
  const trustedRoot = await readTrustedRootFile(join(FIXTURES, 'sigstore/trust/trusted_root.public-good.json'));
  return document(reader.read('sigstore-1.0.0.provenance.sigstore.json', JSON.stringify(bundle), { trustedRoot }));
}

/**
 * The goof team's own VEX: lodash 4.17.4's prototype pollution (GHSA-p6mc-m468-83gw, a real advisory
 * the scan finds) does not affect goof 1.0.1, whose code never reaches it. OpenVEX-shaped.
 */
export function goofVex(): VexDocument {
  return {
    kind: 'vex',
    origin: { digest: 'sha256:5e1f0c0ffee0000000000000000000000000000000000000000000000000001', fileName: 'goof.openvex.json', format: 'openvex', specVersion: '0.2.0', author: 'goof team' },
    statements: [
      {
        vulnerability: { id: 'GHSA-p6mc-m468-83gw', aliases: ['CVE-2020-8203'] },
        products: [{ purl: 'pkg:npm/goof@1.0.1', subcomponents: [{ purl: 'pkg:npm/lodash@4.17.4' }] }],
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
        impactStatement: 'goof never calls zipObjectDeep',
        timestamp: '2026-01-01T12:00:00Z',
      },
    ],
  };
}

/** The example app with lodash upgraded from 4.17.4 to 4.17.21 (what `npm install lodash@4.17.21` writes). */
export function upgradedAppFiles(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(EXAMPLE_APP, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  manifest.dependencies.lodash = '4.17.21';
  const lock = JSON.parse(readFileSync(join(EXAMPLE_APP, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
  (lock.packages[''] as { dependencies: Record<string, string> }).dependencies.lodash = '4.17.21';
  lock.packages['node_modules/lodash'] = { version: '4.17.21', resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz', integrity: 'sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg==' };
  return { 'package.json': JSON.stringify(manifest, null, 2), 'package-lock.json': JSON.stringify(lock, null, 2) };
}

/** sigstore@1.0.0 locked with the integrity npm's provenance attests (sha512 of the tarball). */
export function signedAppFiles(): Record<string, string> {
  const integrity = `sha512-${Buffer.from('7bea9f6e7ff37f5fab0b36bf061200fff03099fd2fd696b91d04bc5e4f225eb9fd6e0cadcad54ba980f43fb352a99e8810b4e0abeb5c0ef2cf9108cd1f258b36', 'hex').toString('base64')}`;
  const lock = {
    name: 'signed-app',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'signed-app', version: '1.0.0', dependencies: { sigstore: '1.0.0' } },
      'node_modules/sigstore': { version: '1.0.0', resolved: 'https://registry.npmjs.org/sigstore/-/sigstore-1.0.0.tgz', integrity },
    },
  };
  return { 'package.json': JSON.stringify({ name: 'signed-app', version: '1.0.0', dependencies: { sigstore: '1.0.0' } }), 'package-lock.json': JSON.stringify(lock) };
}

export interface BuiltStore {
  store: MetadataStore;
  graph: SupplyChainGraph;
  dispose(): Promise<void>;
}

/** The whole table store: four projects (goof and npm-app at two commits each), five SBOMs, two VEX documents, one attestation. */
export async function buildStore(file: string, options: GraphOptions = {}): Promise<BuiltStore> {
  const store = await openStore(file, { idleReleaseMs: Infinity });
  const graph = new SupplyChainGraph(store.sqlExecutor(), { now: steppingClock(), ...options });
  const workspaces: TempWorkspace[] = [];
  await recordFolder(graph, join(REALWORLD, 'nodejs-goof-2021-lockfile-v1'), { commit: GOOF_V1, workspaces });
  await recordFolder(graph, join(REALWORLD, 'npm-cli-2021-lockfile-v2'), { commit: NPM_CLI, workspaces });
  await recordFolder(graph, join(REALWORLD, 'nodejs-goof-2022-lockfile-v2'), { commit: GOOF_V2, workspaces });
  await recordFolder(graph, EXAMPLE_APP, { commit: APP_BEFORE, workspaces });
  const upgraded = tempWorkspace(upgradedAppFiles());
  workspaces.push(upgraded);
  await recordFolder(graph, upgraded.root, { commit: APP_AFTER, workspaces });
  const signed = tempWorkspace(signedAppFiles());
  workspaces.push(signed);
  await recordFolder(graph, signed.root, { workspaces });
  const reader = new DocumentReader();
  for (const file of ['juice-shop-14.1.1.flat.cdx-1.6.json', 'minikube-v1.23.1.app.cdx-1.5.json', 'bom-examples.bom.json', 'examplemaven-0.0.1.spdx-2.3.json', 'hello-python-source.spdx-2.3.json']) {
    await graph.ingest(readFixture(`sbom/${file}`, reader));
  }
  await graph.ingest(readFixture('vex/bom-examples.vex.json', reader));
  await graph.ingest(goofVex());
  await graph.ingest(await sigstoreProvenance(reader));
  return {
    store,
    graph,
    async dispose() {
      await store.close();
      for (const ws of workspaces) ws.dispose();
    },
  };
}
