/**
 * Selectors that held up in VS Code 1.139 (E2E.md), in one place so a workbench upgrade is one edit.
 * Ids with dots need the attribute form: `#workbench.parts.editor` would mean classes.
 */
export const SEL = {
  workbench: '.monaco-workbench',
  statusBar: '[id="workbench.parts.statusbar"]',
  statusItem: '[id="workbench.parts.statusbar"] .statusbar-item',
  // Not `.part.editor`: the Workspace Trust editor and modal use that class too.
  editor: '[id="workbench.parts.editor"] .editor-group-container.active .editor-instance .monaco-editor',
  editorLines: '.view-lines',
  activeTab: '[id="workbench.parts.editor"] .editor-group-container.active .tab.active',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget input',
  quickInputRow: '.quick-input-widget .monaco-list-row',
  problemsPanel: '.markers-panel',
  // Not the copies tree sticky scroll pins at the top of the list.
  problemsRow: '.markers-panel .monaco-list-rows .monaco-list-row:not(.monaco-tree-sticky-row)',
  problemsList: '.markers-panel .monaco-list',
  problemsStatus: '[id="status.problems"] a',
  squiggle: (severity: Severity) => `.view-overlays .squiggly-${severity}`,
  hover: '.monaco-hover:visible',
  hoverMarkdown: '.monaco-hover:visible .rendered-markdown',
  // Workbench tooltips (status items, tabs) use the same hover widget as the editor.
  tooltip: '.workbench-hover:visible, .monaco-hover:visible',
  actionRow: '.action-widget .monaco-list-row',
  notification: '.notifications-toasts .notification-toast',
} as const;

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** VS Code in the browser binds Ctrl on Linux, where the harness runs. */
export const MOD = 'Control';
