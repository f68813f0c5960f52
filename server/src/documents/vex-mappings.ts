import type { VexJustification, VexStatus } from './types';

/**
 * How each format's VEX words map onto OpenVEX's statuses and justifications. docs/documents.md
 * has these tables with their sources; a test checks every row.
 */

/**
 * CycloneDX `analysis.state`. `resolved_with_pedigree` is `resolved` with evidence in the
 * component's pedigree: OpenVEX has no pedigree, so both are `fixed`. Dependency-Track treats
 * `false_positive` and `not_affected` alike (both suppress the finding); OpenVEX's `not_affected`
 * covers "not affected because the finding was wrong".
 */
export const CYCLONEDX_STATES: Readonly<Record<string, VexStatus>> = {
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
  false_positive: 'not_affected',
  not_affected: 'not_affected',
};

/** CycloneDX `analysis.justification` (nine values) onto OpenVEX's five. */
export const CYCLONEDX_JUSTIFICATIONS: Readonly<Record<string, VexJustification>> = {
  code_not_present: 'vulnerable_code_not_present',
  code_not_reachable: 'vulnerable_code_not_in_execute_path',
  requires_configuration: 'vulnerable_code_cannot_be_controlled_by_adversary',
  requires_dependency: 'component_not_present',
  requires_environment: 'vulnerable_code_cannot_be_controlled_by_adversary',
  protected_by_compiler: 'inline_mitigations_already_exist',
  protected_at_runtime: 'inline_mitigations_already_exist',
  protected_at_perimeter: 'inline_mitigations_already_exist',
  protected_by_mitigating_control: 'inline_mitigations_already_exist',
};

/**
 * CSAF 2.0 `product_status` lists (§3.2.3.9). `recommended` names versions the vendor recommends,
 * which says nothing about this vulnerability by itself, so it gives no statement.
 */
export const CSAF_STATUSES: Readonly<Record<string, VexStatus>> = {
  first_affected: 'affected',
  known_affected: 'affected',
  last_affected: 'affected',
  known_not_affected: 'not_affected',
  first_fixed: 'fixed',
  fixed: 'fixed',
  under_investigation: 'under_investigation',
};

/** CSAF 2.0 flag labels (§3.2.3.5) are OpenVEX's justifications, word for word. */
export const CSAF_FLAG_LABELS: Readonly<Record<string, VexJustification>> = {
  component_not_present: 'component_not_present',
  vulnerable_code_not_present: 'vulnerable_code_not_present',
  vulnerable_code_not_in_execute_path: 'vulnerable_code_not_in_execute_path',
  vulnerable_code_cannot_be_controlled_by_adversary: 'vulnerable_code_cannot_be_controlled_by_adversary',
  inline_mitigations_already_exist: 'inline_mitigations_already_exist',
};

/** A table lookup that never reaches `Object.prototype` (`__proto__`, `constructor` map to nothing). */
export function lookup<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
