import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';

/**
 * Why a scan must not be recorded as a snapshot, or undefined when it may be: a scan that could not
 * read every file, or whose vulnerability data was incomplete, would show packages and findings as
 * gone. One rule for `scan --record` and the editor.
 */
export function notRecordable(analysis: WorkspaceAnalysis): string | undefined {
  const unreadable = [...analysis.reports.values()].filter((r) => r.errors.some((e) => e.severity !== 'warning')).length + analysis.omissions.length;
  if (unreadable > 0) return `${unreadable} dependency file${unreadable === 1 ? '' : 's'} could not be read`;
  if (analysis.reports.size === 0) return 'no dependency file was found';
  if (analysis.status.incomplete) return 'the vulnerability data was incomplete';
  return undefined;
}
