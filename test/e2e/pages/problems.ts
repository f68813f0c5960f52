import type { Page } from 'playwright-core';
import { until } from '../lib/wait';
import type { DomNode } from './dom';
import { MOD, SEL, type Severity } from './selectors';

export interface ProblemRow {
  /** The file row above this marker: its name, after its folder when the panel shows one ("app/package.json"). */
  file: string;
  severity: Severity;
  message: string;
  /** The "source" column, e.g. "json" or "chainsight". */
  source: string;
  /** The diagnostic code, when there is one. */
  code: string;
  /** 1-based, as the panel shows "[Ln 4, Col 1]". */
  line: number;
  column: number;
}

export interface ProblemCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** The Problems panel (Ctrl+Shift+M) and the problems counter in the status bar. */
export class Problems {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    if (await this.page.locator(SEL.problemsPanel).isVisible()) return;
    await this.page.keyboard.press(`${MOD}+Shift+M`);
    await this.page.locator(SEL.problemsPanel).waitFor({ state: 'visible', timeout: 10_000 });
  }

  /** Hides the panel (Ctrl+J toggles it), e.g. to give the editor the window's height. */
  async close(): Promise<void> {
    if (!(await this.page.locator(SEL.problemsPanel).isVisible())) return;
    await this.page.keyboard.press(`${MOD}+J`);
    await this.page.locator(SEL.problemsPanel).waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /**
   * Marker rows in panel order, each with the file row it sits under (related-information rows are
   * skipped). Opens the panel if needed. The panel is a virtual list that renders only the rows in view,
   * so when it holds more, the list is scrolled with the mouse wheel, page by page, and read as it goes
   * (rows are keyed by their index), then scrolled back to the top.
   */
  async rows(): Promise<ProblemRow[]> {
    await this.open();
    const seen = new Map<number, RawRow>();
    const complete = (): boolean => {
      const last = [...seen.values()].find((r) => r.last);
      return !!last && seen.size === last.index + 1;
    };
    let scrolled = false;
    for (let page = 0; page < 50; page++) {
      const raw = await this.page.locator(SEL.problemsRow).evaluateAll(readRawRows);
      for (const r of raw) seen.set(r.index, r);
      if (raw.length === 0 || complete()) break;
      // More rows below: scroll one panel height (less a row) and read again.
      if (!(await this.scroll(+1))) break;
      scrolled = true;
    }
    // Back to the top, so what a screenshot or the next read sees does not depend on this read.
    for (let page = 0; scrolled && page < 50; page++) if (!(await this.scroll(-1))) break;
    if (scrolled) await this.page.mouse.move(1, 1);
    const ordered = [...seen.values()].sort((a, b) => a.index - b.index);
    const last = ordered.find((r) => r.last);
    if (ordered.length > 0 && (!last || ordered.length !== last.index + 1 || ordered.some((r, i) => r.index !== i))) {
      throw new Error(`the Problems list changed while it was read (rows ${ordered.map((r) => r.index).join(',')})`);
    }
    const out: ProblemRow[] = [];
    let file = '';
    for (const r of ordered) {
      if (r.kind === 'file') file = r.file;
      else if (r.kind === 'marker') out.push({ ...r.marker!, file });
    }
    return out;
  }

  /**
   * Scrolls the Problems list one page down (+1) or up (-1) with the mouse wheel and waits until the
   * rendered rows moved. false when it could not move (already at the end, or no list).
   */
  private async scroll(direction: 1 | -1): Promise<boolean> {
    const list = this.page.locator(SEL.problemsList);
    const box = await list.boundingBox();
    if (!box) return false;
    const first = (): Promise<number> =>
      this.page.locator(SEL.problemsRow).evaluateAll((rows: DomNode[]) => Math.min(...rows.map((r) => Number(r.getAttribute('data-index')))));
    const before = await first();
    if (direction < 0 && before === 0) return false;
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.wheel(0, direction * Math.max(22, box.height - 22));
    // The list renders on the next animation frame; it may also not move at all (the end was in view).
    const deadline = Date.now() + 2_000;
    while (Date.now() < deadline) {
      if ((await first()) !== before) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }

  /** Waits until the rows satisfy `accept`, and returns them. */
  waitForRows(what: string, accept: (rows: ProblemRow[]) => boolean, timeoutMs?: number): Promise<ProblemRow[]> {
    return until(
      `problems: ${what}`,
      async () => {
        const rows = await this.rows();
        return accept(rows) ? rows : undefined;
      },
      async () => JSON.stringify(await this.rows()),
      { timeoutMs },
    );
  }

  /** The status-bar counter; its aria-label reads e.g. "Errors: 1, Warnings: 1" or "No Problems". */
  async counts(): Promise<ProblemCounts> {
    const label = (await this.page.locator(SEL.problemsStatus).first().getAttribute('aria-label')) ?? '';
    const n = (word: string): number => Number(new RegExp(`${word}: (\\d+)`).exec(label)?.[1] ?? 0);
    return { errors: n('Errors'), warnings: n('Warnings'), infos: n('Infos') };
  }

  waitForCounts(what: string, accept: (c: ProblemCounts) => boolean, timeoutMs?: number): Promise<ProblemCounts> {
    return until(
      `problem counts: ${what}`,
      async () => {
        const c = await this.counts();
        return accept(c) ? c : undefined;
      },
      async () => JSON.stringify(await this.counts()),
      { timeoutMs },
    );
  }
}

interface RawRow {
  index: number;
  last: boolean;
  kind: 'file' | 'marker' | 'related';
  /** For a file row: the workspace-relative path ("package.json", "app/package.json"). */
  file: string;
  marker?: Omit<ProblemRow, 'file'>;
}

/** In the page: the rendered rows as data. A file row's description is its folder, relative to the workspace. */
function readRawRows(rows: DomNode[]): RawRow[] {
  const text = (el: DomNode, sel: string): string => (el.querySelector(sel)?.textContent ?? '').trim();
  return rows.map((row): RawRow => {
    const index = Number(row.getAttribute('data-index'));
    const last = row.getAttribute('data-last-element') === 'true';
    const icon = row.querySelector('.marker-icon');
    if (icon) {
      const severity = (['error', 'warning', 'info'] as const).find((s) => icon.classList.contains(s)) ?? 'hint';
      const message = Array.from(row.querySelectorAll('.marker-message'))
        .map((m) => (m.textContent ?? '').trim())
        .join('\n');
      const [, line, column] = /Ln (\d+), Col (\d+)/.exec(text(row, '.marker-line')) ?? [];
      return {
        index,
        last,
        kind: 'marker',
        file: '',
        marker: { severity, message, source: text(row, '.marker-source'), code: text(row, '.marker-code'), line: Number(line ?? 0), column: Number(column ?? 0) },
      };
    }
    const name = text(row, '.label-name');
    if (!name) return { index, last, kind: 'related', file: '' };
    const folder = text(row, '.label-description');
    return { index, last, kind: 'file', file: folder && folder !== '.' ? `${folder}/${name}` : name };
  });
}
