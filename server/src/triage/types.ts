/**
 * Triage applied to one scan (docs/vex.md, docs/policy.md): what VEX says about each finding, what
 * the policy decided, and whether CISA lists it as exploited. The CLI, the reports and the language
 * server read one `Triage` per scan, so they all say the same thing.
 */
import type { Finding, Vulnerability } from '../core/findings';
import type { VexStatus } from '../documents/types';
import type { KevCatalog, KevEntry } from '../kev/catalog';
import type { PolicyResults } from '../policy/apply';
import type { PolicyResult } from '../policy/types';
import type { VexResults } from '../vex/apply';
import type { VexDecision } from '../vex/types';

/** One (package instance, vulnerability) after triage. */
export interface VulnerabilityTriage {
  /** The VEX status that counts (no statement: `affected`; an expired acceptance: `affected`). */
  status: VexStatus;
  /** The statement that decided, when one applies to every path. */
  decision?: VexDecision;
  /** Out of the gate and the Problems panel: not affected, fixed, or a risk accepted until a date not yet past. */
  suppressed: boolean;
  /** The first policy rule that matched (always one: the built-in rules end every policy). */
  policy?: PolicyResult;
  /** CISA lists one of its CVEs as exploited in the wild. */
  kev?: KevEntry;
}

export interface Triage {
  vex: VexResults;
  policy: PolicyResults;
  kev?: KevCatalog;
  of(finding: Pick<Finding, 'file' | 'packageId'>, vulnerability: Pick<Vulnerability, 'id' | 'aliases'>): VulnerabilityTriage;
}
