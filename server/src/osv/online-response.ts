import { recordProblem } from './record-files';
import type { OsvRecord } from './types';

/** One vulnerability as querybatch lists it: only its id and modified time. */
export interface VulnRef {
  id: string;
  modified: string;
}

export interface BatchResultItem {
  vulns: VulnRef[];
  nextPageToken?: string;
}

/**
 * Checks a querybatch answer against what we asked. Anything unexpected is a reason string (the batch
 * then counts as failed, and nothing from it is cached), never an exception.
 */
export function readBatchResponse(value: unknown, expected: number): { items: BatchResultItem[] } | { problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'querybatch answer is not a JSON object' };
  const results = (value as { results?: unknown }).results;
  if (!Array.isArray(results)) return { problem: 'querybatch answer has no "results" array' };
  if (results.length !== expected) return { problem: `querybatch answered ${results.length} results for ${expected} queries` };
  const items: BatchResultItem[] = [];
  for (const [index, result] of results.entries()) {
    if (typeof result !== 'object' || result === null || Array.isArray(result)) return { problem: `querybatch result ${index} is not an object` };
    const { vulns, next_page_token: token } = result as { vulns?: unknown; next_page_token?: unknown };
    if (vulns !== undefined && !Array.isArray(vulns)) return { problem: `querybatch result ${index}: "vulns" is not an array` };
    const refs: VulnRef[] = [];
    for (const vuln of (vulns as unknown[] | undefined) ?? []) {
      const { id, modified } = (vuln ?? {}) as { id?: unknown; modified?: unknown };
      if (typeof id !== 'string' || id === '') return { problem: `querybatch result ${index}: a vulnerability has no id` };
      if (modified !== undefined && typeof modified !== 'string') return { problem: `querybatch result ${index}: ${id} has a non-string "modified"` };
      refs.push({ id, modified: modified ?? '' });
    }
    if (token !== undefined && token !== null && typeof token !== 'string') return { problem: `querybatch result ${index}: "next_page_token" is not a string` };
    items.push({ vulns: refs, ...(typeof token === 'string' && token !== '' ? { nextPageToken: token } : {}) });
  }
  return { items };
}

/** Checks a `GET /v1/vulns/{id}` answer: an OSV record, and the one we asked for. */
export function readVulnResponse(value: unknown, id: string): { record: OsvRecord } | { problem: string } {
  const problem = recordProblem(value);
  if (problem) return { problem: `vulns/${id}: ${problem}` };
  const record = value as OsvRecord;
  if (record.id !== id) return { problem: `vulns/${id}: the answer is record ${record.id}` };
  if (typeof record.modified !== 'string') return { problem: `vulns/${id}: no "modified" time` };
  return { record };
}
