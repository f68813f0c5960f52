import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeMachineSettings } from '../lib/user-settings';
import { SEL } from '../pages/selectors';
import type { Scenario } from '../scenario';
import { startPostgres, type PostgresServer } from '../../support/postgres-server';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const READY = 'Chainsight: 1 critical, 5 high, 3 moderate, 3 low';
const PASSWORD = 'e2e-reader-secret';

let server: PostgresServer | undefined;

/**
 * An air-gapped developer on a team store (docs/team.md): the administrator imported the offline
 * database into PostgreSQL; this editor, in offline mode with an empty store of its own and no
 * PGPASSWORD, first says the team store is unavailable (no password yet) with the data incomplete.
 * **Chainsight: Set Team Store Password…** keeps the reader's password in VS Code's SecretStorage; the
 * server asks for it, connects, and the findings come from the team's offline database.
 */
export const scenario: Scenario = {
  name: '19-team-store',
  workspace: 'npm-app',
  trusted: true,
  timeoutMs: 180_000,
  async prepare({ workspaceDir, userDataDir }) {
    // No folder of OSV records here: the data is the team's.
    writeFileSync(join(workspaceDir, '.vscode', 'settings.json'), JSON.stringify({ 'chainsight.provenance.enable': false }, null, 2));
    const pg = await startPostgres();
    server = pg;
    pg.psql('CREATE DATABASE airgap');
    const admin = mkdtempSync(join(tmpdir(), 'chainsight-e2e-admin-'));
    const imported = spawnSync(process.execPath, [CLI, 'db', 'import', join(workspaceDir, 'osv'), '--ecosystem', 'npm', '--store', pg.url('airgap')], {
      encoding: 'utf8',
      env: { ...pg.env(), CHAINSIGHT_STORE: join(admin, 'chainsight.db') },
    });
    rmSync(admin, { recursive: true, force: true });
    assert.equal(imported.status, 0, imported.stderr);
    pg.psql(`CREATE ROLE dev_reader LOGIN PASSWORD '${PASSWORD}'; GRANT CONNECT ON DATABASE airgap TO dev_reader;\n\\c airgap\nGRANT USAGE ON SCHEMA public TO dev_reader; GRANT SELECT ON ALL TABLES IN SCHEMA public TO dev_reader;`);
    // Machine settings, as an administrator would set them for the developer (the URL names no password).
    writeMachineSettings(userDataDir, { 'chainsight.store.url': pg.url('airgap', 'dev_reader'), 'chainsight.osv.mode': 'offline', 'chainsight.provenance.enable': false });
    return async () => {
      await pg.stop();
      server = undefined;
    };
  },
  async run(h) {
    const url = server!.url('airgap', 'dev_reader');
    await h.waitForStatusItem('the team store unavailable without a password', (t) => t === 'Chainsight: no known vulnerabilities (incomplete data) · team store unavailable', 60_000);
    const before = await h.statusTooltip('the Chainsight item', (t) => t.endsWith('team store unavailable'));
    assert.ok(before.includes(`Team store ${url} is not available (`), before);
    assert.ok(before.includes('the embedded store answers instead'), before);
    await h.page.mouse.move(1, 1);

    await h.runCommand('Chainsight: Set Team Store Password…');
    const input = h.page.locator(SEL.quickInputBox);
    await input.waitFor({ state: 'visible' });
    await h.page.locator(SEL.quickInput).filter({ hasText: `password for ${url}` }).waitFor({ state: 'visible' });
    assert.equal(await input.getAttribute('type'), 'password', 'the password is not shown as typed');
    await input.fill(PASSWORD);
    await input.press('Enter');

    // The offline database's age follows the counts: `· data 0 min old`.
    const ready = (t: string) => t.startsWith(`${READY} · data `) && t.endsWith(' old');
    await h.waitForStatusItem('the findings from the team store', ready, 60_000);
    const after = await h.statusTooltip('the Chainsight item', ready);
    assert.match(after, /Vulnerability data: offline database \(npm \d{4}-\d\d-\d\d\)/);
    assert.ok(after.includes(`Team store: ${url}`), after);
    assert.ok(!after.includes(PASSWORD));
  },
};
