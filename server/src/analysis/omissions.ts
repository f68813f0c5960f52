/**
 * Something Chainsight did not read, so its answer is incomplete: a file over the size limit, a
 * symbolic link to a device, an include outside the workspace, an unreadable folder, discovery
 * stopped at its limit. Carried in every analysis so the CLI, the JSON report and the editor's
 * status can say so.
 */
export interface Omission {
  /** Absolute path of what was not read (a file, or a folder). */
  path: string;
  reason: OmissionReason;
  /** Why, in words, without the path: `a character device, not a regular file`. */
  detail: string;
  /** For an include: the dependency file that names it. */
  includedFrom?: string;
}

export type OmissionReason = 'too-large' | 'not-a-file' | 'outside-workspace' | 'unreadable' | 'file-limit';

/** One omission per path and reason, in path order. */
export function uniqueOmissions(list: Iterable<Omission>): Omission[] {
  const byKey = new Map<string, Omission>();
  for (const o of list) {
    const key = `${o.reason}\u0000${o.path}`;
    if (!byKey.has(key)) byKey.set(key, o);
  }
  return [...byKey.values()].sort((a, b) => a.path.localeCompare(b.path) || a.reason.localeCompare(b.reason));
}
