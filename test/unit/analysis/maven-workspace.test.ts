import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scanFolder } from '../../../server/src/analysis/scan';
import { createLocalSource } from '../../../server/src/osv/local-source';
import { FIXTURES, tempWorkspace } from '../../support/temp-workspace';

const source = createLocalSource(join(FIXTURES, 'lsp/maven/osv'));

const catalog = '[libraries]\nlogback-classic = "ch.qos.logback:logback-classic:1.2.10"\n';
const lockfile = 'ch.qos.logback:logback-classic:1.2.10=runtimeClasspath\n';

// Gradle keeps the version catalog in gradle/ and the lockfile in the project folder above it.
const rows: Array<{ name: string; files: Record<string, string>; catalog: string; want: string | undefined }> = [
  { name: 'gradle/libs.versions.toml pairs with ../gradle.lockfile', files: { 'gradle/libs.versions.toml': catalog, 'gradle.lockfile': lockfile }, catalog: 'gradle/libs.versions.toml', want: 'gradle.lockfile' },
  { name: 'a catalog beside the lockfile pairs with it', files: { 'libs.versions.toml': catalog, 'gradle.lockfile': lockfile }, catalog: 'libs.versions.toml', want: 'gradle.lockfile' },
  {
    name: 'a lockfile that has a catalog of its own is not borrowed by one below',
    files: { 'libs.versions.toml': catalog, 'gradle.lockfile': lockfile, 'gradle/libs.versions.toml': catalog },
    catalog: 'gradle/libs.versions.toml',
    want: undefined,
  },
  { name: 'only the folder directly above is searched', files: { 'build/gradle/libs.versions.toml': catalog, 'gradle.lockfile': lockfile }, catalog: 'build/gradle/libs.versions.toml', want: undefined },
];

describe('Maven workspace analysis: which gradle.lockfile resolves a version catalog', () => {
  for (const row of rows) {
    it(row.name, async () => {
      const ws = tempWorkspace(row.files);
      try {
        const { analysis } = await scanFolder(ws.root, source);
        const report = analysis.reports.get(ws.path(row.catalog))!;
        assert.equal(report.lockfile?.path, row.want === undefined ? undefined : ws.path(row.want));
      } finally {
        ws.dispose();
      }
    });
  }
});
