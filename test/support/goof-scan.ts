import * as path from 'node:path';
import { scanFolder } from '../../server/src/analysis/scan';
import type { WorkspaceAnalysis } from '../../server/src/analysis/workspace-analysis';
import type { Finding, Vulnerability } from '../../server/src/core/findings';
import { createLocalSource } from '../../server/src/osv/local-source';
import { vexSubjects } from '../../server/src/vex/subjects';
import type { VexSubject } from '../../server/src/vex/types';

/** The real nodejs-goof lockfile (v2) against the recorded npm advisories: 73 vulnerable package entries. */
export const GOOF = path.join(__dirname, '..', 'fixtures', 'realworld', 'nodejs-goof-2022-lockfile-v2');
export const OSV_NPM = path.join(__dirname, '..', 'fixtures', 'osv-npm');

export interface GoofScan {
  analysis: WorkspaceAnalysis;
  subjects: VexSubject[];
  /** The entry of `name@version` reached first through `via` (a direct dependency), when given. */
  finding(name: string, version: string, via?: string): { finding: Finding; subject: VexSubject };
  vulnerability(finding: Finding, id: string): Vulnerability;
}

export async function scanGoof(): Promise<GoofScan> {
  const { analysis } = await scanFolder(GOOF, createLocalSource(OSV_NPM));
  const subjects = vexSubjects(analysis);
  return {
    analysis,
    subjects,
    finding(name, version, via) {
      const finding = analysis.findings.find((f) => f.name === name && f.version === version && (via === undefined || f.paths.some((p) => p[0] === via)));
      if (!finding) throw new Error(`goof has no finding ${name}@${version}${via ? ` via ${via}` : ''}`);
      const subject = subjects.find((s) => s.key === `${finding.file}#${finding.packageId}`)!;
      return { finding, subject };
    },
    vulnerability(finding, id) {
      const v = finding.vulnerabilities.find((x) => x.id === id || x.aliases.includes(id));
      if (!v) throw new Error(`${finding.name}@${finding.version} has no ${id}`);
      return v;
    },
  };
}
