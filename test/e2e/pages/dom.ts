/**
 * The few DOM shapes our in-page callbacks (page.evaluate / evaluateAll) touch. The repo's tsconfig has no
 * DOM lib on purpose (server code must not see browser globals), so these callbacks type their arguments
 * with this instead.
 */
export interface DomNode {
  textContent: string | null;
  classList: { contains(name: string): boolean };
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): ArrayLike<DomNode> & Iterable<DomNode>;
  getAttribute(name: string): string | null;
}

/** The browser globals the settings helper uses. */
export interface BrowserGlobals {
  navigator: { clipboard: { writeText(text: string): Promise<void> } };
}
