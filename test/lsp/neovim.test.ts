import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { APPLY_TRIAGE_COMMAND, RUN_FIX_COMMAND, UPDATE_LOCKFILE_COMMAND } from '../../server/src/protocol';
import { markedBlock } from '../support/markdown-blocks';
import { findExecutable, luaString, type NeovimDiagnostic, type NeovimResult, NeovimRunner } from '../support/neovim';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/**
 * Issue 12, defect 3: Neovim 0.7 got nothing from the server. These tests drive Debian's real
 * `nvim --headless` with the configuration docs/editors.md documents (its marked Lua blocks, run
 * as written) against the real dist/server.js, on a copy of examples/npm-app with its OSV records.
 */
const REPO = join(__dirname, '../..');
const SERVER = join(REPO, 'dist/server.js');
const EXAMPLE = join(REPO, 'examples/npm-app');
const DOC = readFileSync(join(REPO, 'docs/editors.md'), 'utf8');
const NVIM = findExecutable('nvim');

/** Stands in for npm on PATH: records where it ran and with what, so a test sees whether it ran at all. */
const FAKE_NPM = `#!/bin/sh\nprintf '%s\\n' "$(pwd -P)" "$@" > "$RECORD"\n`;

/** vim.diagnostic.severity */
const ERROR = 1;
const WARN = 2;
const INFO = 3;
const HINT = 4;
type Rating = 'critical' | 'high' | 'moderate';
type Levels = Record<Rating, number>;
const DEFAULT_LEVELS: Levels = { critical: ERROR, high: ERROR, moderate: WARN };

/** package.json's findings, as test/lsp/npm.test.ts expects them from the same project. */
const FINDINGS: Array<{ name: string; version: string; rating: Rating; code: string; message: string }> = [
  { name: 'body-parser', version: '1.9.0', rating: 'high', code: 'GHSA-qwcr-r2fm-qrc7', message: 'body-parser@1.9.0: GHSA-qwcr-r2fm-qrc7 (high); fixed in 1.20.3' },
  {
    name: 'express',
    version: '4.12.4',
    rating: 'moderate',
    code: 'GHSA-rv95-896h-c2vc',
    message: 'express@4.12.4: GHSA-rv95-896h-c2vc (moderate); fixed in 4.19.2; also pulls in 3 vulnerable packages (cookie@0.1.2, send@0.12.3, serve-static@1.9.3): 3 vulnerabilities (3 low)',
  },
  { name: 'humanize-ms', version: '1.0.1', rating: 'high', code: 'GHSA-3fx5-fwvr-xrjg', message: 'humanize-ms@1.0.1 pulls in ms@0.6.2: GHSA-3fx5-fwvr-xrjg (high); fixed in ms 0.7.1' },
  { name: 'jquery', version: '^2.2.4', rating: 'moderate', code: 'GHSA-6c3j-c64m-qhgq', message: 'jquery@2.2.4: 2 vulnerabilities (2 moderate); fixed in 3.5.0' },
  { name: 'lodash', version: '4.17.4', rating: 'critical', code: 'GHSA-jf85-cpcp-j695', message: 'lodash@4.17.4: 3 vulnerabilities (1 critical, 2 high); fixed in 4.17.21' },
  { name: 'moment', version: '2.15.1', rating: 'high', code: 'GHSA-8hfj-j24r-96c4', message: 'moment@2.15.1: GHSA-8hfj-j24r-96c4 (high); fixed in 2.29.2' },
];

/** Where things lie in the test's $HOME; the documented setup names `~/chainsight`, `~/osv` and `~/work`. */
interface Paths {
  home: string;
  project: string;
  /** The project's own copy of the OSV records. */
  projectOsv: string;
}

interface Row {
  name: string;
  /** The project's folder under $HOME: the documented setup trusts `~/work` and nothing else. */
  under: 'work' | 'elsewhere';
  /** The documented `setup` call as written, or the options a test passes to the documented module. */
  setup: 'documented' | ((paths: Paths) => { init_options: Record<string, unknown>; settings: Record<string, unknown> });
  trusted: boolean;
  /** Where the vulnerability data must come from: `~/osv`, the project's `osv/`, or nowhere. */
  data: 'home' | 'project' | 'none';
  levels?: Levels;
  /** Also check the hover and code actions on lodash's version, and run the documented Update Lockfile. */
  interactive?: boolean;
}

const offline = { osv: { mode: 'offline' }, provenance: { enable: false } };

const ROWS: Row[] = [
  { name: 'the documented setup, in a project under a trusted root', under: 'work', setup: 'documented', trusted: true, data: 'home', levels: { ...DEFAULT_LEVELS, moderate: INFO }, interactive: true },
  // The user's own settings (init_options.settings) apply whether or not the project is trusted.
  { name: 'the documented setup, in a project outside the trusted roots', under: 'elsewhere', setup: 'documented', trusted: false, data: 'home', levels: { ...DEFAULT_LEVELS, moderate: INFO }, interactive: true },
  {
    name: 'init_options = { workspaceTrusted = true }: restricted settings in `settings` apply',
    under: 'elsewhere',
    setup: (p) => ({ init_options: { workspaceTrusted: true, settings: { chainsight: offline } }, settings: { chainsight: { osv: { offlineData: p.projectOsv }, severity: { critical: 'hint', high: 'hint' } } } }),
    trusted: true,
    data: 'project',
    levels: { ...DEFAULT_LEVELS, critical: HINT, high: HINT },
  },
  {
    name: 'untrusted: the same restricted settings in `settings` are ignored (no data folder, no severity change)',
    under: 'elsewhere',
    setup: (p) => ({ init_options: { settings: { chainsight: offline } }, settings: { chainsight: { osv: { offlineData: p.projectOsv }, severity: { critical: 'hint', high: 'hint' } } } }),
    trusted: false,
    data: 'none',
  },
  {
    name: 'untrusted: a restricted setting in init_options.settings applies',
    under: 'elsewhere',
    setup: (p) => ({ init_options: { settings: { chainsight: { ...offline, osv: { offlineData: p.projectOsv }, severity: { critical: 'hint', high: 'hint' } } } }, settings: {} }),
    trusted: false,
    data: 'project',
    levels: { ...DEFAULT_LEVELS, critical: HINT, high: HINT },
  },
  {
    name: 'untrusted: a restricted setting only in `settings` is ignored while init_options.settings apply',
    under: 'elsewhere',
    setup: (p) => ({ init_options: { settings: { chainsight: { ...offline, osv: { offlineData: p.projectOsv } } } }, settings: { chainsight: { severity: { critical: 'hint', high: 'hint' } } } }),
    trusted: false,
    data: 'project',
    levels: DEFAULT_LEVELS,
  },
];

/** The documented module configured with a test's options, and the server from this checkout. */
function customSetup(options: Record<string, unknown>): string {
  const json = JSON.stringify({ ...options, cmd: [process.execPath, SERVER, '--stdio'] });
  return `require('chainsight').setup(vim.json.decode(${luaString(json)}))\n`;
}

/** The hover as a reader sees it once Markdown is rendered: backslash escapes and entities resolved. */
const rendered = (lines: string[]) =>
  lines
    .join('\n')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replaceAll('&gt;', '>')
    .replaceAll('&lt;', '<')
    .replaceAll('&amp;', '&');

describe('Neovim 0.7 with the configuration docs/editors.md documents', function () {
  this.timeout(120_000);

  before(function () {
    if (!NVIM) {
      console.log('    SKIPPED: nvim is not on PATH. CI installs Debian\'s neovim (.ci/run); locally: apt-get install -y neovim');
      this.skip();
    }
  });

  for (const row of ROWS) {
    describe(row.name, () => {
      let ws: TempWorkspace;
      let runner: NeovimRunner;
      let run: NeovimResult;
      let paths: Paths;
      let manifest: string;
      const record = () => ws.path('npm-ran.txt');
      const outcome = () => {
        assert.ok(run.outcome, `Neovim wrote no result (exit ${run.exitCode}):\n${run.output}`);
        return run.outcome;
      };

      before(async () => {
        ws = tempWorkspace({ 'home/osv': { copyFrom: join(EXAMPLE, 'osv') }, [`home/${row.under}/npm-app`]: { copyFrom: EXAMPLE }, 'bin/npm': FAKE_NPM });
        chmodSync(ws.path('bin/npm'), 0o755);
        symlinkSync(REPO, ws.path('home/chainsight'));
        mkdirSync(ws.path('scratch'));
        paths = { home: ws.path('home'), project: ws.path(`home/${row.under}/npm-app`), projectOsv: ws.path(`home/${row.under}/npm-app/osv`) };
        manifest = join(paths.project, 'package.json');
        runner = new NeovimRunner(NVIM!);
        run = await runner.run({
          home: paths.home,
          scratch: ws.path('scratch'),
          module: markedBlock(DOC, 'neovim-0.7-module'),
          setup: row.setup === 'documented' ? markedBlock(DOC, 'neovim-0.7-setup') : customSetup(row.setup(paths)),
          open: manifest,
          target: { line: '"lodash"', text: '4.17.4' },
          ...(row.interactive ? { command: markedBlock(DOC, 'neovim-update-lockfile') } : {}),
          path: [ws.path('bin')],
          env: { RECORD: record() },
        });
      });

      after(() => {
        runner?.dispose();
        ws?.dispose();
      });

      it('runs to the end; the server exits with Neovim and nothing tries the network', () => {
        const o = outcome();
        assert.equal(o.error, undefined, `${o.error}\nmessages: ${o.messages.join('\n')}\n${run.output}`);
        assert.equal(run.exitCode, 0, run.output);
        assert.equal(run.serverLeftRunning, false, 'the server outlived Neovim');
        assert.equal(run.networkAttempts, 0);
        assert.deepEqual(o.commands?.commands, [RUN_FIX_COMMAND, UPDATE_LOCKFILE_COMMAND, APPLY_TRIAGE_COMMAND], 'fix commands are offered through workspace/executeCommand');
      });

      it(`the server applies the settings and trust it was given (trusted: ${row.trusted}, data: ${row.data})`, () => {
        const status = outcome().status;
        assert.equal(status?.state, 'ready');
        assert.equal(status.trusted, row.trusted);
        if (row.data === 'none') assert.notEqual(status.data.kind, 'offline-data', status.data.description);
        else assert.equal(status.data.description, `12 records from ${row.data === 'home' ? join(paths.home, 'osv') : paths.projectOsv}`);
      });

      it('shows package.json\'s diagnostics on the right lines, with the configured severities', () => {
        const text = readFileSync(manifest, 'utf8').split('\n');
        const shown = outcome().diagnostics.filter((d) => d.file === manifest);
        if (!row.levels) {
          assert.deepEqual(shown, [], 'no data, no findings');
          return;
        }
        const expected = FINDINGS.map((f): NeovimDiagnostic => {
          const line = text.findIndex((l) => l.includes(`"${f.name}"`));
          const col = text[line]!.indexOf(`"${f.version}"`) + 1;
          return { file: manifest, line, col, end_col: col + f.version.length, severity: row.levels![f.rating], message: f.message, code: f.code, source: 'chainsight' };
        });
        assert.deepEqual(sortByLine(shown), expected);
        assert.ok(outcome().diagnostic_events > 0, 'Neovim raised DiagnosticChanged');
        // The lockfile was never opened, yet Neovim holds its findings too.
        assert.equal(outcome().diagnostics.filter((d) => d.file === join(paths.project, 'package-lock.json')).length, 9);
      });

      if (!row.interactive) return;

      it('hovers on lodash\'s version with the resolved version, every advisory and the dependency path', () => {
        const hover = outcome().hover;
        assert.ok(hover, 'no hover');
        const text = rendered(hover);
        for (const expected of ['**lodash** · 4.17.4 · resolved in package-lock.json', 'GHSA-jf85-cpcp-j695', 'GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw', 'CVE-2021-23337', 'CRITICAL', 'Upgrade to **4.17.21**', 'npm-app > lodash']) {
          assert.ok(text.includes(expected), `hover lacks ${expected}:\n${text}`);
        }
      });

      // Issue 12: Neovim showed `2\.2\.0`, `CVE\-2023\-44270` and `&gt;`. Markdown needs none of these escaped.
      it('shows versions, advisory ids and paths in the hover as written, without needless Markdown escapes', () => {
        const hover = outcome().hover!.join('\n');
        for (const expected of ['4.17.4', 'GHSA-jf85-cpcp-j695', 'CVE-2021-23337', 'package-lock.json', 'npm-app > lodash']) {
          assert.ok(hover.includes(expected), `hover lacks ${expected} as written:\n${hover}`);
        }
        assert.doesNotMatch(hover, /\\[.-]|&gt;|&lt;|&amp;/);
      });

      it('offers the upgrade as the preferred code action on lodash\'s line', () => {
        const actions = outcome().code_actions;
        assert.deepEqual(actions[0], { title: 'Upgrade lodash to 4.17.21 (fixes 3 vulnerabilities)', kind: 'quickfix', preferred: true, edit: true, command: null });
        // Then triage, through executeCommand (Neovim cannot be asked for text): five justifications and under investigation per advisory.
        assert.deepEqual(actions.slice(1).map((a) => a.command), Array(18).fill(APPLY_TRIAGE_COMMAND));
        assert.ok(actions.some((a) => a.title === 'Mark GHSA-jf85-cpcp-j695 as not affected: vulnerable code not in execute path'));
      });

      // The documented setup allows package managers; only trust decides.
      if (row.trusted) {
        it('Update Lockfile, as documented, runs npm in the project folder and says it finished', () => {
          assert.match(outcome().command_message ?? '', /^Chainsight: npm install --package-lock-only --ignore-scripts finished/);
          assert.deepEqual(readFileSync(record(), 'utf8').trim().split('\n'), [realpathSync(paths.project), 'install', '--package-lock-only', '--ignore-scripts']);
        });
      } else {
        it('Update Lockfile, as documented, runs nothing in an untrusted project and says why', () => {
          assert.match(outcome().command_message ?? '', /untrusted workspace/);
          assert.equal(existsSync(record()), false, 'npm must not have run');
        });
      }
    });
  }
});

function sortByLine(list: NeovimDiagnostic[]): NeovimDiagnostic[] {
  return [...list].sort((a, b) => a.line - b.line).map((d) => ({ file: d.file, line: d.line, col: d.col, end_col: d.end_col, severity: d.severity, message: d.message, code: d.code, source: d.source }) as NeovimDiagnostic);
}
