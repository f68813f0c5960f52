import { ecosystemScenario } from '../ecosystem-scenario';

/** Go: a go.work with two modules (no lockfile: go.mod versions are the resolved ones); from test/fixtures/lsp/go. */
export const scenario = ecosystemScenario({
  name: '21-go',
  workspace: 'go',
  ready: 'Chainsight: 9 unknown',
  file: 'chat/go.mod',
  problems: [
    ['warning', 'github.com/golang-jwt/jwt/v4@4.5.0: 2 vulnerabilities (2 unknown); fixed in 4.5.2', 6],
    ['warning', 'github.com/gorilla/websocket@1.4.0: GO-2020-0019 (unknown); fixed in 1.4.1', 8],
    ['warning', 'github.com/sirupsen/logrus@1.9.0: GO-2025-4188 (unknown); fixed in 1.9.1', 9],
    ['warning', 'golang.org/x/sys@0.0.0-20220715151400-c0bba94af5f8: GO-2026-5024 (unknown); fixed in 0.44.0', 16],
    ['warning', 'gopkg.in/yaml.v3@3.0.0-20200313102051-9f266ea9e77c: GO-2022-0603 (unknown); fixed in 3.0.0-20220521103104-8f96da9f5d5e', 17],
  ],
  otherFiles: { 'go.work': 1 },
  hover: {
    line: 'github.com/gorilla/websocket v1.4.0',
    severity: 'warning',
    includes: [
      'github.com/gorilla/websocket · 1.4.0',
      'GO-2020-0019 (GHSA-3xh2-74w9-5vxm, GHSA-jf24-p9p9-4rjh, CVE-2020-27813) · UNKNOWN',
      'Affected: <1.4.1 · Fixed in: 1.4.1',
      'Upgrade to 1.4.1 to fix it.',
      'example.com/chat > github.com/gorilla/websocket',
    ],
  },
  quickFix: 'Upgrade github.com/gorilla/websocket to 1.4.1 (fixes 1 vulnerability)',
});
