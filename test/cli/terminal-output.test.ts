import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';
import { tempWorkspace } from '../support/temp-workspace';

/**
 * Package names, advisory ids and summaries are untrusted. Printed raw, `ESC[1A ESC[2K` erases the
 * CRITICAL line above and OSC 8 wraps text in a hidden link (issue 11, item 9); bidirectional
 * controls reorder what the reader sees (Trojan Source).
 */
const ERASE_LINE = '\u001b[1A\u001b[2K';
const HIDDEN_LINK = '\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\';
const EVIL = `evil${ERASE_LINE}${HIDDEN_LINK}\u009b2J\u202eabc`;
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const RECORD = {
  id: `GHSA-evil${ERASE_LINE}`,
  modified: '2024-01-01T00:00:00Z',
  summary: `Pwned ${HIDDEN_LINK} \u202eelif.exe`,
  affected: [{ package: { ecosystem: 'npm', name: EVIL }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.1.0' }] }] }],
  database_specific: { severity: 'CRITICAL' },
};

describe('chainsight: untrusted text never reaches the terminal as control sequences', function () {
  const files = {
    'package.json': JSON.stringify({ name: 'app', dependencies: { [EVIL]: '1.0.0', lodash: '4.17.4' } }),
    'osv/GHSA-evil.json': JSON.stringify(RECORD),
    [`sub${ERASE_LINE}/requirements.txt`]: `ok==1.0\n${EVIL}==\n`,
  };
  const ROWS: Array<{ name: string; args: (root: string) => string[]; sees: RegExp }> = [
    { name: 'scan table', args: (root) => ['scan', root, '--osv-data', join(root, 'osv')], sees: /CRITICAL\s+evil\S*click\S*abc@1\.0\.0\s+GHSA-evil/ },
    { name: 'inventory table', args: (root) => ['inventory', root], sees: /npm\s+evil\S*click\S*abc\s+1\.0\.0/ },
    { name: 'markdown report', args: (root) => ['scan', root, '--osv-data', join(root, 'osv'), '--format', 'markdown'], sees: /Pwned .*click.* elif\.exe/ },
  ];
  for (const row of ROWS) {
    it(`${row.name} and its messages are plain text`, async () => {
      const ws = tempWorkspace(files);
      try {
        const result = await runCli(row.args(ws.root));
        assert.match(result.stdout, row.sees);
        assert.doesNotMatch(result.stdout, UNSAFE, JSON.stringify(result.stdout));
        assert.doesNotMatch(result.stderr, UNSAFE, JSON.stringify(result.stderr));
      } finally {
        ws.dispose();
      }
    });
  }

  it('SARIF text carries no control sequences or bidirectional controls', async () => {
    const ws = tempWorkspace(files);
    try {
      const result = await runCli(['scan', ws.root, '--osv-data', join(ws.root, 'osv'), '--format', 'sarif']);
      const run = JSON.parse(result.stdout).runs[0];
      const texts = [...run.results.map((r: { message: { text: string } }) => r.message.text), ...run.tool.driver.rules.flatMap((r: { shortDescription: { text: string }; fullDescription: { text: string } }) => [r.shortDescription.text, r.fullDescription.text])];
      assert.ok(texts.some((t) => t.includes('Pwned')), JSON.stringify(texts));
      for (const t of texts) assert.doesNotMatch(t, UNSAFE, JSON.stringify(t));
    } finally {
      ws.dispose();
    }
  });
});
