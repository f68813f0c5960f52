import { parseMetrics, type MetricTable, type Metrics } from './cvss-metrics';

/** CVSS v3.0 and v3.1 (https://www.first.org/cvss/v3.1/specification-document). */
export type Cvss3Minor = '3.0' | '3.1';

const IMPACT_VALUES = ['H', 'L', 'N'];
const TABLE: MetricTable = {
  values: {
    AV: ['N', 'A', 'L', 'P'],
    AC: ['L', 'H'],
    PR: ['N', 'L', 'H'],
    UI: ['N', 'R'],
    S: ['U', 'C'],
    C: IMPACT_VALUES,
    I: IMPACT_VALUES,
    A: IMPACT_VALUES,
    E: ['X', 'H', 'F', 'P', 'U'],
    RL: ['X', 'U', 'W', 'T', 'O'],
    RC: ['X', 'C', 'R', 'U'],
    CR: ['X', 'H', 'M', 'L'],
    IR: ['X', 'H', 'M', 'L'],
    AR: ['X', 'H', 'M', 'L'],
    MAV: ['X', 'N', 'A', 'L', 'P'],
    MAC: ['X', 'L', 'H'],
    MPR: ['X', 'N', 'L', 'H'],
    MUI: ['X', 'N', 'R'],
    MS: ['X', 'U', 'C'],
    MC: ['X', ...IMPACT_VALUES],
    MI: ['X', ...IMPACT_VALUES],
    MA: ['X', ...IMPACT_VALUES],
  },
  required: ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
};

export const CVSS3_TEMPORAL_METRICS: readonly string[] = ['E', 'RL', 'RC'];
export const CVSS3_ENVIRONMENTAL_METRICS: readonly string[] = ['CR', 'IR', 'AR', 'MAV', 'MAC', 'MPR', 'MUI', 'MS', 'MC', 'MI', 'MA'];

const ATTACK_VECTOR: Record<string, number> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const ATTACK_COMPLEXITY: Record<string, number> = { L: 0.77, H: 0.44 };
const PRIVILEGES_UNCHANGED: Record<string, number> = { N: 0.85, L: 0.62, H: 0.27 };
const PRIVILEGES_CHANGED: Record<string, number> = { N: 0.85, L: 0.68, H: 0.5 };
const USER_INTERACTION: Record<string, number> = { N: 0.85, R: 0.62 };
const CIA: Record<string, number> = { H: 0.56, L: 0.22, N: 0 };
const EXPLOIT_MATURITY: Record<string, number> = { X: 1, H: 1, F: 0.97, P: 0.94, U: 0.91 };
const REMEDIATION_LEVEL: Record<string, number> = { X: 1, U: 1, W: 0.97, T: 0.96, O: 0.95 };
const REPORT_CONFIDENCE: Record<string, number> = { X: 1, C: 1, R: 0.96, U: 0.92 };
const REQUIREMENT: Record<string, number> = { X: 1, H: 1.5, M: 1, L: 0.5 };

export function parseCvss3(body: string): Metrics | undefined {
  return parseMetrics(body, TABLE);
}

/**
 * All three v3 equations, computed literally: temporal and environmental metrics that are absent
 * count as "not defined". Whether a score applies to a given vector is the caller's convention
 * (see docs/severity.md): for Scope:Changed v3.1 vectors without environmental metrics the
 * literal environmental equation differs from the base score, because v3.1 changed only the
 * modified-impact formula.
 */
export interface Cvss3Scores {
  base: number;
  temporal: number;
  environmental: number;
}

export function cvss3Scores(m: Metrics, minor: Cvss3Minor): Cvss3Scores {
  const roundUp = minor === '3.1' ? roundUp31 : roundUp30;
  const get = (name: string) => m.get(name) ?? 'X';
  const modified = (name: string) => (get(`M${name}`) === 'X' ? m.get(name)! : get(`M${name}`));
  const temporalFactor = EXPLOIT_MATURITY[get('E')]! * REMEDIATION_LEVEL[get('RL')]! * REPORT_CONFIDENCE[get('RC')]!;

  const changed = m.get('S') === 'C';
  const iss = 1 - (1 - CIA[m.get('C')!]!) * (1 - CIA[m.get('I')!]!) * (1 - CIA[m.get('A')!]!);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  const exploitability = exploitabilityOf(m.get('AV')!, m.get('AC')!, m.get('PR')!, m.get('UI')!, changed);
  const base = impact <= 0 ? 0 : roundUp(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
  const temporal = roundUp(base * temporalFactor);

  const mChanged = modified('S') === 'C';
  const miss = Math.min(
    1 -
      (1 - REQUIREMENT[get('CR')]! * CIA[modified('C')]!) *
        (1 - REQUIREMENT[get('IR')]! * CIA[modified('I')]!) *
        (1 - REQUIREMENT[get('AR')]! * CIA[modified('A')]!),
    0.915,
  );
  const mImpact = !mChanged
    ? 6.42 * miss
    : minor === '3.1'
      ? 7.52 * (miss - 0.029) - 3.25 * Math.pow(miss * 0.9731 - 0.02, 13)
      : 7.52 * (miss - 0.029) - 3.25 * Math.pow(miss - 0.02, 15);
  const mExploitability = exploitabilityOf(modified('AV'), modified('AC'), modified('PR'), modified('UI'), mChanged);
  const environmental =
    mImpact <= 0 ? 0 : roundUp(roundUp(Math.min((mChanged ? 1.08 : 1) * (mImpact + mExploitability), 10)) * temporalFactor);

  return { base, temporal, environmental };
}

function exploitabilityOf(av: string, ac: string, pr: string, ui: string, changed: boolean): number {
  const privileges = (changed ? PRIVILEGES_CHANGED : PRIVILEGES_UNCHANGED)[pr]!;
  return 8.22 * ATTACK_VECTOR[av]! * ATTACK_COMPLEXITY[ac]! * privileges * USER_INTERACTION[ui]!;
}

/** v3.0 "round up to one decimal", as FIRST's v3.0 calculator does it. */
function roundUp30(x: number): number {
  return Math.ceil(x * 10) / 10;
}

/** v3.1 Appendix A: integer arithmetic so that float noise (e.g. 4.000000001) does not round up. */
function roundUp31(x: number): number {
  const scaled = Math.round(x * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}
