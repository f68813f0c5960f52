import type { Diagnostic, Range } from 'vscode-languageserver-protocol/node';
import type { LspTestClient } from './lsp-client';

/** What the protocol suites compare: message, covered text and hover text, as plain strings. */

/** LSP 3.18 allows Markdown diagnostic messages; ours are plain text either way. */
export const message = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

/** The text a one-line range covers (every range the suites check sits on one line). */
export const slice = (text: string, range: Range) => text.split('\n')[range.start.line]!.slice(range.start.character, range.end.character);

export const hoverText = (hover: Awaited<ReturnType<LspTestClient['hover']>>) => (hover?.contents as { value: string } | undefined)?.value ?? '';

/** The hint a stale-lockfile diagnostic ends with. */
export const STALE_HINT = 'run "Chainsight: Update Lockfile"';
