import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDependencyFile, type DependencyFile } from '../../../../server/src/analysis/dependency-file';
import { fileDiagnostics } from '../../../../server/src/analysis/diagnostics';
import { type AnalysisUnit, analyzeUnit, type RecordLookup } from '../../../../server/src/analysis/unit';
import { packageKey } from '../../../../server/src/core/package';
import { LineIndex } from '../../../../server/src/core/text-range';
import { npmEcosystem } from '../../../../server/src/ecosystems/npm';
import { FORMATS as NPM_FAMILY_FILES } from '../../../../server/src/ecosystems/npm/files';
import { createLocalSource } from '../../../../server/src/osv/local-source';

const FIXTURES = join(__dirname, '../../../fixtures');
const DIR = join(FIXTURES, 'ecosystems/npm');

/**
 * Manifests paired with the npm family's lockfiles, analysed as the engine does once the registry
 * lists these lockfiles: the units are built by hand here (a lockfile with the manifests it resolves,
 * each with its importer path), so the test does not depend on that registry.
 */
function lockfileFile(path: string, parser: string, text = readFileSync(path, 'utf8')): DependencyFile {
  const kind = NPM_FAMILY_FILES.find((k) => k.parser === parser)!;
  const parse = npmEcosystem.parsers[parser]!;
  return { path, text, parser: { kind, ecosystem: npmEcosystem, parse }, result: parse(path, text) };
}

function manifestFile(path: string, text = readFileSync(path, 'utf8')): DependencyFile {
  return parseDependencyFile(path, text)!;
}

let records: RecordLookup;
before(async () => {
  const loaded = await createLocalSource(join(FIXTURES, 'osv-npm')).load();
  records = (ecosystem, name) => loaded.index.get(packageKey(ecosystem.name, name));
});

function analyze(unit: AnalysisUnit) {
  const analysis = analyzeUnit(unit, records);
  const messages = (path: string, kind = 'vulnerability') =>
    fileDiagnostics(analysis.reports.find((r) => r.path === path)!)
      .filter((d) => d.kind === kind)
      .map((d) => d.message.replace(/: GHSA.*$/, ''));
  return { analysis, messages };
}

const WORKSPACES = [
  { name: 'pnpm 9 workspace (pnpm-lock.yaml with an env document)', dir: 'pnpm-lock/scenarios/workspace-v9', file: 'pnpm-lock.yaml', parser: 'npm/pnpm-lock', member: '@demo/lib@workspace:*' },
  { name: 'yarn berry workspace', dir: 'yarn-lock/scenarios/workspace-berry', file: 'yarn.lock', parser: 'npm/yarn-lock', member: '@demo/lib@0.0.0-use.local' },
  { name: 'bun workspace', dir: 'bun-lock/scenarios/workspace', file: 'bun.lock', parser: 'npm/bun-lock', member: '@demo/lib@1.0.0' },
];

describe('manifests paired with yarn.lock, pnpm-lock.yaml and bun.lock', () => {
  for (const row of WORKSPACES) {
    describe(row.name, () => {
      const at = (rel: string) => join(DIR, row.dir, rel);
      const unit = (): AnalysisUnit => ({
        lockfile: lockfileFile(at(row.file), row.parser),
        manifests: ['', 'packages/app', 'packages/lib'].map((member) => ({ file: manifestFile(at(join(member, 'package.json'))), importerPath: member })),
      });

      it('the lockfile records every member folder, as the workspace pairing needs', () => {
        const paths = unit().lockfile!.result.importers!.map((i) => i.path);
        assert.deepEqual(paths.sort(), ['', 'packages/app', 'packages/lib']);
      });

      it('each member manifest gets the diagnostics of its own dependencies, through the root lockfile', () => {
        const { messages } = analyze(unit());
        assert.deepEqual(messages(at('package.json')), ['ms@0.7.0']);
        assert.deepEqual(messages(at('packages/lib/package.json')), ['lodash@4.17.20']);
        assert.deepEqual(messages(at('packages/app/package.json')), [`${row.member} pulls in lodash@4.17.20`, 'lodash-alias@4.17.20', 'mkdirp@0.5.5 pulls in minimist@1.2.5']);
        assert.deepEqual(messages(at('package.json'), 'stale-lockfile'), []);
        assert.deepEqual(messages(at('packages/app/package.json'), 'stale-lockfile'), []);
      });

      it('the lockfile entry of a vulnerable package points back at the manifests that pull it in', () => {
        const { analysis } = analyze(unit());
        const report = analysis.reports.find((r) => r.path === at(row.file))!;
        const minimist = fileDiagnostics(report).find((d) => d.message.startsWith('minimist@1.2.5'))!;
        const text = readFileSync(at(row.file), 'utf8');
        const index = new LineIndex(text);
        assert.equal(text.slice(index.offset(minimist.range.start), index.offset(minimist.range.end)), '1.2.5');
        assert.deepEqual(minimist.related.map((r) => r.location.file), [at('packages/app/package.json')]);
      });

      it('a manifest edited after the lockfile was written is reported stale', () => {
        const base = unit();
        const app = at('packages/app/package.json');
        const edited = readFileSync(app, 'utf8').replace('"mkdirp": "^0.5.5"', '"mkdirp": "^1.0.0"');
        base.manifests[1] = { file: manifestFile(app, edited), importerPath: 'packages/app' };
        const { messages } = analyze(base);
        assert.equal(messages(app, 'stale-lockfile').length, 1, messages(app, 'stale-lockfile').join());
        assert.match(messages(app, 'stale-lockfile')[0]!, /is out of date/);
      });
    });
  }

  describe('yarn 1 workspace (no importers: manifests are paired by name)', () => {
    const at = (rel: string) => join(DIR, 'yarn-lock/scenarios/workspace-v1', rel);
    const unit = (): AnalysisUnit => ({
      lockfile: lockfileFile(at('yarn.lock'), 'npm/yarn-lock'),
      manifests: ['', 'packages/app', 'packages/lib'].map((member) => ({ file: manifestFile(at(join(member, 'package.json'))), importerPath: member })),
    });

    it('requirements find the entries that satisfy them', () => {
      const { messages } = analyze(unit());
      assert.deepEqual(messages(at('package.json')), ['ms@0.7.0']);
      assert.deepEqual(messages(at('packages/lib/package.json')), ['lodash@4.17.20']);
      assert.deepEqual(messages(at('packages/app/package.json')), ['lodash-alias@4.17.20', 'mkdirp@0.5.5 pulls in minimist@1.2.5']);
    });
  });

  describe('the real-world hyper lockfile (yarn 1) with its package.json', () => {
    const HYPER = join(DIR, 'yarn-lock/realworld/hyper-2021-yarn-v1');
    const unit = (): AnalysisUnit => ({ lockfile: lockfileFile(join(HYPER, 'yarn.lock'), 'npm/yarn-lock'), manifests: [{ file: manifestFile(join(HYPER, 'package.json')), importerPath: '' }] });

    it('every declared dependency resolves to a locked entry; none is reported stale', () => {
      const { analysis, messages } = analyze(unit());
      const manifest = analysis.reports.find((r) => r.path === join(HYPER, 'package.json'))!;
      assert.equal(manifest.dependencies.length, 98);
      assert.ok(manifest.dependencies.every((d) => d.resolved), manifest.dependencies.filter((d) => !d.resolved).map((d) => d.pkg.name).join());
      assert.deepEqual(messages(join(HYPER, 'package.json'), 'stale-lockfile'), []);
      assert.equal(analysis.roots[0]!.ids.length, 98);
    });

    it('attributes transitive findings to the direct dependency that pulls them in', () => {
      const { analysis, messages } = analyze(unit());
      const lines = messages(join(HYPER, 'package.json'));
      assert.ok(lines.includes('styled-jsx@4.0.1 pulls in 2 vulnerable packages (loader-utils@1.2.3, minimist@1.2.5): 2 vulnerabilities (2 critical)'), lines.join('\n'));
      assert.ok(lines.includes('ora@5.4.1 pulls in ansi-regex@5.0.0'), lines.join('\n'));
      const minimist = analysis.findings.find((f) => f.name === 'minimist')!;
      assert.deepEqual(minimist.paths[0], ['@babel/core', 'json5', 'minimist']);
      assert.ok(minimist.paths.some((p) => p.join(' > ') === 'styled-jsx > loader-utils > json5 > minimist'));
    });

    it('never matches the git dependency', () => {
      const { analysis } = analyze(unit());
      assert.equal(analysis.findings.some((f) => f.name === 'mousetrap'), false);
      assert.equal(analysis.packagesScanned, 1107);
    });
  });
});
