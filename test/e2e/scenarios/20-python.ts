import { ecosystemScenario } from '../ecosystem-scenario';

/** PyPI: a uv workspace (pyproject.toml, a member package, uv.lock); workspace from test/fixtures/lsp/pypi. */
export const scenario = ecosystemScenario({
  name: '20-python',
  workspace: 'python',
  ready: 'Chainsight: 1 high, 1 moderate, 4 unknown',
  file: 'pyproject.toml',
  problems: [
    ['error', 'requests@2.31.0 pulls in urllib3@1.26.4: 3 vulnerabilities (1 high, 1 moderate, 1 unknown); fixed in urllib3 1.26.18', 6],
    ['warning', 'pyyaml@5.3: 2 vulnerabilities (2 unknown); fixed in 5.4', 7],
    ['warning', 'station@0.2.0 pulls in jinja2@2.11.2: GHSA-g3rq-g295-4j3m (unknown); fixed in jinja2 2.11.3', 8],
  ],
  otherFiles: { 'uv.lock': 3, 'packages/station/pyproject.toml': 1 },
  hover: {
    line: '"PyYAML>=5.3"',
    severity: 'warning',
    includes: ['pyyaml · 5.3 · resolved in uv.lock', 'Requirement: >=5.3', 'GHSA-6757-jp84-gxfx', 'UNKNOWN', 'Fixed in: 5.4', 'Upgrade to 5.4 to fix all 2', 'weather-api > pyyaml'],
  },
  quickFix: 'Upgrade pyyaml to 5.4 (fixes 2 vulnerabilities)',
});
