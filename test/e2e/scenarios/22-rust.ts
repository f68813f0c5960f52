import { ecosystemScenario } from '../ecosystem-scenario';

/** crates.io: a Cargo workspace (root crate, a member, Cargo.lock); from test/fixtures/lsp/cargo. */
export const scenario = ecosystemScenario({
  name: '22-rust',
  workspace: 'rust',
  ready: 'Chainsight: 2 high',
  file: 'Cargo.toml',
  problems: [
    ['error', 'regex@1.5.4: RUSTSEC-2022-0013 (high); fixed in 1.5.5', 10],
    ['error', 'worker@0.1.0 pulls in crossbeam-utils@0.8.5: RUSTSEC-2022-0041 (high); fixed in crossbeam-utils 0.8.7', 11],
  ],
  otherFiles: { 'Cargo.lock': 2, 'crates/worker/Cargo.toml': 1 },
  hover: {
    line: 'regex = "1.5.4"',
    severity: 'error',
    includes: ['regex · 1.5.4 · resolved in Cargo.lock', 'RUSTSEC-2022-0013 (GHSA-m5pq-gvj9-9vr8, CVE-2022-24713) · HIGH', 'Fixed in: 1.5.5', 'relay > regex'],
  },
  quickFix: 'Upgrade regex to 1.5.5 (fixes 1 vulnerability)',
});
