import type { Locator } from 'playwright-core';

interface ViewLine {
  textContent: string | null;
  style: { top: string };
}

/**
 * The text Monaco renders in `editor` (a `.monaco-editor`), line by line. Lines are sorted by their
 * `top`, not DOM order: Monaco reuses line elements as it scrolls and edits, so DOM order can differ.
 * Only rendered lines are there: keep what a test reads within one screen.
 */
export async function renderedText(editor: Locator): Promise<string> {
  const text = await editor.locator('.view-lines').evaluate((root: { querySelectorAll(s: string): ArrayLike<ViewLine> }) =>
    Array.from(root.querySelectorAll('.view-line'))
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((l) => l.textContent ?? '')
      .join('\n'),
  );
  // Monaco renders spaces as no-break spaces.
  return text.replace(/\u00a0/g, ' ');
}
