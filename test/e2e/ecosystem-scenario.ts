import assert from 'node:assert/strict';
import { SEL, type Severity } from './pages/selectors';
import type { Scenario } from './scenario';

/** What one ecosystem's scenario expects; see ecosystemScenario. */
export interface EcosystemCase {
  name: string;
  /** A folder under test/e2e/workspaces/: a copy of test/fixtures/lsp/<ecosystem>/ with its OSV records. */
  workspace: string;
  /** The status item once the workspace is scanned. */
  ready: string;
  /** The manifest to open. */
  file: string;
  /** Its Problems rows, in panel order: [severity, exact message, line]. */
  problems: Array<[Severity, string, number]>;
  /** Other files' Chainsight rows in the Problems panel, by workspace-relative path: how many. */
  otherFiles: Record<string, number>;
  /** The dependency to hover: text on its line, its squiggle's severity, what its hover says. */
  hover: { line: string; severity: Severity; includes: string[] };
  /** The preferred quick fix offered on that squiggle (listed, not applied). */
  quickFix: string;
}

/**
 * One ecosystem in the real workbench: the status item's counts, the exact Problems rows of its manifest,
 * the other dependency files' rows, one hover (advisory id, severity, fixed version, dependency path) and
 * the "Upgrade … to …" quick fix offered on it.
 */
export function ecosystemScenario(c: EcosystemCase): Scenario {
  return {
    name: c.name,
    workspace: c.workspace,
    trusted: true,
    async run(h) {
      await h.waitForStatusItem('Chainsight is ready', (t) => t === c.ready, 60_000);
      await h.openFile(c.file);
      const rows = await h.problems.waitForRows(`${c.problems.length} findings in ${c.file}`, (r) => r.filter((x) => x.file === c.file).length === c.problems.length);
      assert.deepEqual(
        rows.filter((r) => r.file === c.file).map((r) => [r.severity, r.message, r.line]),
        c.problems,
      );
      assert.ok(rows.every((r) => r.source === 'chainsight'), JSON.stringify(rows.map((r) => r.source)));
      const others: Record<string, number> = {};
      for (const r of rows) if (r.file !== c.file) others[r.file] = (others[r.file] ?? 0) + 1;
      assert.deepEqual(others, c.otherFiles);

      const squiggle = await h.waitForSquiggleOn(c.hover.line, c.hover.severity);
      const hover = await h.hoverAt(async () => (await h.waitForSquiggleOn(c.hover.line, c.hover.severity)).box, (x) => x.markdown.some((m) => m.includes('Dependency paths')));
      assert.ok(
        hover.markers.some((m) => m.source.startsWith('chainsight') && c.problems.some(([, message]) => message === m.message)),
        `the hover shows the line's diagnostic: ${JSON.stringify(hover.markers)}`,
      );
      const text = hover.markdown.join('\n');
      for (const expected of c.hover.includes) assert.ok(text.includes(expected), `the hover lacks "${expected}":\n${text}`);
      await h.dismissHover();

      const titles = await h.openQuickFix(squiggle.box, (t) => t === c.quickFix);
      assert.equal(titles[0], c.quickFix);
      await h.page.keyboard.press('Escape');
      await h.page.locator(SEL.actionRow).first().waitFor({ state: 'hidden', timeout: 5_000 });
    },
  };
}
