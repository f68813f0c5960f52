import { ecosystemScenario } from '../ecosystem-scenario';

/** Maven: a pom.xml with a property-held version and dependencyManagement; from test/fixtures/lsp/maven. */
export const scenario = ecosystemScenario({
  name: '23-java',
  workspace: 'java',
  ready: 'Chainsight: 3 high, 3 moderate',
  file: 'pom.xml',
  problems: [
    ['error', 'com.google.protobuf:protobuf-java@3.19.1: 4 vulnerabilities (3 high, 1 moderate); fixed in 3.19.6', 14],
    ['warning', 'org.apache.httpcomponents:httpclient@4.5.12: GHSA-7r82-7xv7-xcpj (moderate); fixed in 4.5.13', 22],
    ['warning', 'org.jsoup:jsoup@1.15.2: GHSA-gp7f-rwcx-9369 (moderate); fixed in 1.15.3', 31],
  ],
  otherFiles: {},
  hover: {
    line: '<protobuf.version>',
    severity: 'error',
    includes: [
      'com.google.protobuf:protobuf-java · 3.19.1',
      '4 vulnerabilities',
      'GHSA-4gg5-vx3j-xwc7 (CVE-2022-3510) · HIGH 7.5',
      'GHSA-h4h5-3hr4-j3g2 (CVE-2022-3171) · MODERATE 5.7',
      'Fixed in: 3.19.2',
      'Upgrade to 3.19.6 to fix all 4.',
      'com.example:feed-reader > com.google.protobuf:protobuf-java',
    ],
  },
  quickFix: 'Upgrade com.google.protobuf:protobuf-java to 3.19.6 (fixes 4 vulnerabilities)',
});
