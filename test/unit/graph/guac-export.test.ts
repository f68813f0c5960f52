import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { exportOrigin, exportOrigins } from '../../../server/src/graph/guac-export';
import type { IngestPredicates } from '../../../server/src/graph/guac-shapes';
import { SupplyChainGraph } from '../../../server/src/graph/graph-store';
import { openStore } from '../../../server/src/store/open-store';
import type { MetadataStore } from '../../../server/src/store/metadata-store';
import { scanFolder } from '../../../server/src/analysis/scan';
import { identifyProject } from '../../../server/src/projects/project-identity';
import { FIXTURES, tempWorkspace, type TempWorkspace } from '../../support/temp-workspace';
import { tempDirs } from '../store/temp-store';
import { inputErrors, readGraphqlInputs } from './graphql-inputs';
import { goofVex, readFixture, sigstoreProvenance, source, STORE_FIXTURES } from './store-fixture';

/**
 * GUAC's IngestPredicates (pkg/assembler/assembler.go at the schema's commit): each list's item
 * struct, field by field, with the GraphQL input type of each field (HasSlsaIngest has no JSON tags,
 * so its fields keep their Go names).
 */
const INGEST_STRUCTS: Record<string, Record<string, string>> = {
  isDependency: { pkg: 'PkgInputSpec!', depPkg: 'PkgInputSpec!', depPkgMatchFlag: 'MatchFlags', isDependency: 'IsDependencyInputSpec!' },
  isOccurrence: { pkg: 'PkgInputSpec', src: 'SourceInputSpec', artifact: 'ArtifactInputSpec!', isOccurrence: 'IsOccurrenceInputSpec!' },
  hasSlsa: { Artifact: 'ArtifactInputSpec!', HasSlsa: 'SLSAInputSpec!', Materials: '[ArtifactInputSpec!]', Builder: 'BuilderInputSpec!' },
  certifyVuln: { pkg: 'PkgInputSpec!', vulnerability: 'VulnerabilityInputSpec!', vulnData: 'ScanMetadataInput!' },
  vulnEqual: { vulnerability: 'VulnerabilityInputSpec!', equalVulnerability: 'VulnerabilityInputSpec!', vulnEqual: 'VulnEqualInputSpec!' },
  hasSourceAt: { pkg: 'PkgInputSpec!', pkgMatchFlag: 'MatchFlags', src: 'SourceInputSpec!', hasSourceAt: 'HasSourceAtInputSpec!' },
  hasSBOM: { pkg: 'PkgInputSpec', artifact: 'ArtifactInputSpec', hasSbom: 'HasSBOMInputSpec!', includes: 'HasSBOMIncludesInputSpec' },
  vex: { pkg: 'PkgInputSpec', artifact: 'ArtifactInputSpec', vulnerability: 'VulnerabilityInputSpec!', vexData: 'VexStatementInputSpec!' },
  hasMetadata: { pkg: 'PkgInputSpec', pkgMatchFlag: 'MatchFlags', src: 'SourceInputSpec', artifact: 'ArtifactInputSpec', hasMetadata: 'HasMetadataInputSpec!' },
};
const SUBJECT_ONE_OF: Record<string, string[]> = { isOccurrence: ['pkg', 'src'], hasSBOM: ['pkg', 'artifact'], vex: ['pkg', 'artifact'], hasMetadata: ['pkg', 'src', 'artifact'] };

describe('graph/export as GUAC IngestPredicates', () => {
  const dirs = tempDirs();
  const workspaces: TempWorkspace[] = [];
  let store: MetadataStore;
  let exported: IngestPredicates;
  before(async () => {
    store = await openStore(path.join(dirs.make(), 'chainsight.db'), { idleReleaseMs: Infinity });
    const graph = new SupplyChainGraph(store.sqlExecutor());
    // The example app in a checkout with a remote, so the project gets a source at its commit.
    const ws = tempWorkspace({
      'app': { copyFrom: path.join(FIXTURES, '../../examples/npm-app') },
      'app/.git/HEAD': 'ref: refs/heads/main\n',
      'app/.git/refs/heads/main': `${'ab'.repeat(20)}\n`,
      'app/.git/config': '[remote "origin"]\n\turl = https://github.com/acme/npm-app.git\n',
    });
    workspaces.push(ws);
    const root = ws.path('app');
    const { analysis } = await scanFolder(root, source());
    const project = await identifyProject(root, { analysis });
    await graph.recordScan({ analysis, project, root, tool: 'chainsight test', verdicts: [{ purl: 'pkg:npm/lodash@4.17.4', signature: { status: 'verified', reason: 'registry signature checks out' } }] });
    await graph.ingest(readFixture('sbom/bom-examples.bom.json'));
    await graph.ingest(readFixture('vex/bom-examples.vex.json'));
    await graph.ingest(goofVex());
    await graph.ingest(await sigstoreProvenance());
    exported = await graph.read(async (s) => {
      const merged: Record<string, unknown[]> = {};
      for (const origin of await exportOrigins(s, graph.dialect)) for (const [key, list] of Object.entries(await exportOrigin(s, graph.dialect, origin))) (merged[key] ??= []).push(...list);
      return merged as IngestPredicates;
    });
  });
  after(async () => {
    await store.close();
    for (const ws of workspaces) ws.dispose();
    dirs.cleanup();
  });

  it('writes every predicate the store has facts for', () => {
    assert.deepEqual(Object.keys(exported).sort(), ['certifyVuln', 'hasMetadata', 'hasSBOM', 'hasSlsa', 'hasSourceAt', 'isDependency', 'isOccurrence', 'vex', 'vulnEqual']);
  });

  it('matches GUAC schema input types field by field', () => {
    const schema = readGraphqlInputs(path.join(STORE_FIXTURES, 'guac/schema'));
    const errors: string[] = [];
    for (const [predicate, items] of Object.entries(exported) as Array<[string, Array<Record<string, unknown>>]>) {
      const struct = INGEST_STRUCTS[predicate];
      if (!struct) {
        errors.push(`${predicate}: not an IngestPredicates list`);
        continue;
      }
      items.forEach((item, i) => {
        for (const key of Object.keys(item)) if (!(key in struct)) errors.push(`${predicate}[${i}].${key}: not a field of the ingest struct`);
        for (const [field, type] of Object.entries(struct)) errors.push(...inputErrors(schema, type, item[field], `${predicate}[${i}].${field}`));
        const subjects = SUBJECT_ONE_OF[predicate]?.filter((k) => item[k] !== undefined);
        if (subjects && subjects.length !== 1) errors.push(`${predicate}[${i}]: exactly one of ${SUBJECT_ONE_OF[predicate]!.join(', ')} must be set`);
      });
    }
    assert.deepEqual(errors, []);
  });

  it('has the shape of GUAC\'s own IngestPredicates example', () => {
    const example = JSON.parse(readFileSync(path.join(STORE_FIXTURES, 'guac/ingest_predicates.json'), 'utf8')) as Record<string, Array<Record<string, unknown>>>;
    for (const [predicate, items] of Object.entries(exported) as Array<[string, Array<Record<string, unknown>>]>) {
      const sample = example[predicate]?.[0];
      if (!sample) continue;
      // Every wrapper the example uses for this predicate is one the export may use, spelt the same.
      for (const key of Object.keys(sample)) assert.ok(key in INGEST_STRUCTS[predicate]!, `${predicate}.${key}`);
      const used = new Set(items.flatMap((item) => Object.keys(item)));
      for (const key of used) assert.ok(key in INGEST_STRUCTS[predicate]!, `${predicate}.${key}`);
    }
  });

  it('carries the facts: dependency types, the project at its commit, VEX in GUAC spelling, provenance', () => {
    const project = exported.isDependency!.filter((d) => d.pkg.name === 'npm-app');
    assert.ok(project.length > 0 && project.every((d) => d.pkg.type === 'npm' && d.pkg.version === '1.0.0'));
    const lodash = project.find((d) => d.depPkg.name === 'lodash')!;
    assert.deepEqual([lodash.isDependency.dependencyType, lodash.isDependency.justification], ['DIRECT', 'top level package dependency; range 4.17.4']);
    assert.equal(lodash.isDependency.documentRef, `chainsight-scan:npm-app@${'ab'.repeat(20)}`);
    assert.deepEqual(exported.hasSourceAt!.find((h) => h.pkg.name === 'npm-app')?.src, { type: 'git', namespace: 'github.com/acme', name: 'npm-app', commit: 'ab'.repeat(20) });
    const vex = exported.vex!.find((v) => v.vulnerability.vulnerabilityID === 'cve-2020-25649')!;
    assert.deepEqual([vex.pkg?.name, vex.pkg?.namespace, vex.vexData.status, vex.vexData.vexJustification], ['jackson-databind', 'com.fasterxml.jackson.core', 'NOT_AFFECTED', 'VULNERABLE_CODE_NOT_IN_EXECUTE_PATH']);
    const slsa = exported.hasSlsa![0]!;
    assert.deepEqual([slsa.Artifact.algorithm, slsa.Builder.uri, slsa.HasSlsa.slsaVersion], ['sha512', 'https://github.com/npm/cli@9.4.2', 'https://slsa.dev/provenance/v0.2']);
    assert.ok(exported.certifyVuln!.some((c) => c.pkg.name === 'lodash' && c.vulnerability.vulnerabilityID === 'ghsa-p6mc-m468-83gw' && c.vulnerability.type === 'ghsa'));
    assert.deepEqual(exported.hasMetadata!.map((m) => [m.pkg.name, m.hasMetadata.key, m.hasMetadata.value]), [['lodash', 'chainsight.signature', 'verified'], ['sigstore', 'chainsight.provenance', 'verified']]);
  });
});
