import { parseMetrics, type MetricTable, type Metrics } from './cvss-metrics';

/**
 * CVSS v2 (https://www.first.org/cvss/v2/guide). Temporal and environmental metrics are accepted
 * so such vectors still parse, but only the base score is computed: advisory databases published
 * v2 vectors with base metrics only, and v2 is legacy (NVD stopped issuing it in 2022).
 */
const TABLE: MetricTable = {
  values: {
    AV: ['L', 'A', 'N'],
    AC: ['H', 'M', 'L'],
    Au: ['M', 'S', 'N'],
    C: ['N', 'P', 'C'],
    I: ['N', 'P', 'C'],
    A: ['N', 'P', 'C'],
    E: ['U', 'POC', 'F', 'H', 'ND'],
    RL: ['OF', 'TF', 'W', 'U', 'ND'],
    RC: ['UC', 'UR', 'C', 'ND'],
    CDP: ['N', 'L', 'LM', 'MH', 'H', 'ND'],
    TD: ['N', 'L', 'M', 'H', 'ND'],
    CR: ['L', 'M', 'H', 'ND'],
    IR: ['L', 'M', 'H', 'ND'],
    AR: ['L', 'M', 'H', 'ND'],
  },
  required: ['AV', 'AC', 'Au', 'C', 'I', 'A'],
};

const ACCESS_VECTOR: Record<string, number> = { L: 0.395, A: 0.646, N: 1.0 };
const ACCESS_COMPLEXITY: Record<string, number> = { H: 0.35, M: 0.61, L: 0.71 };
const AUTHENTICATION: Record<string, number> = { M: 0.45, S: 0.56, N: 0.704 };
const IMPACT: Record<string, number> = { N: 0.0, P: 0.275, C: 0.66 };

export function parseCvss2(body: string): Metrics | undefined {
  return parseMetrics(body, TABLE);
}

export function cvss2BaseScore(m: Metrics): number {
  const impact = 10.41 * (1 - (1 - IMPACT[m.get('C')!]!) * (1 - IMPACT[m.get('I')!]!) * (1 - IMPACT[m.get('A')!]!));
  const exploitability = 20 * ACCESS_VECTOR[m.get('AV')!]! * ACCESS_COMPLEXITY[m.get('AC')!]! * AUTHENTICATION[m.get('Au')!]!;
  const fImpact = impact === 0 ? 0 : 1.176;
  return roundToTenth((0.6 * impact + 0.4 * exploitability - 1.5) * fImpact);
}

/** v2 rounds to the nearest tenth; the epsilon keeps float noise such as 4.8499999 from flipping a .x5. */
function roundToTenth(x: number): number {
  return Math.round(x * 10 + 1e-9) / 10;
}
