import { definesAny, parseMetrics, type MetricTable, type Metrics } from './cvss-metrics';
import {
  DEPTH_EQ1,
  DEPTH_EQ2,
  DEPTH_EQ3_EQ6,
  DEPTH_EQ4,
  HIGHEST_EQ1,
  HIGHEST_EQ2,
  HIGHEST_EQ3_EQ6,
  HIGHEST_EQ4,
  macroVectorScore,
  type MacroVector,
} from './cvss4-macrovectors';

/** CVSS v4.0 (https://www.first.org/cvss/v4-0/specification-document). */
const BASE_METRICS = ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'];
export const CVSS4_THREAT_METRICS: readonly string[] = ['E'];
export const CVSS4_ENVIRONMENTAL_METRICS: readonly string[] = [
  'CR', 'IR', 'AR', 'MAV', 'MAC', 'MAT', 'MPR', 'MUI', 'MVC', 'MVI', 'MVA', 'MSC', 'MSI', 'MSA',
];

const IMPACT = ['H', 'L', 'N'];
const REQUIREMENT = ['X', 'H', 'M', 'L'];
const TABLE: MetricTable = {
  values: {
    AV: ['N', 'A', 'L', 'P'],
    AC: ['L', 'H'],
    AT: ['N', 'P'],
    PR: ['N', 'L', 'H'],
    UI: ['N', 'P', 'A'],
    VC: IMPACT,
    VI: IMPACT,
    VA: IMPACT,
    SC: IMPACT,
    SI: IMPACT,
    SA: IMPACT,
    E: ['X', 'A', 'P', 'U'],
    CR: REQUIREMENT,
    IR: REQUIREMENT,
    AR: REQUIREMENT,
    MAV: ['X', 'N', 'A', 'L', 'P'],
    MAC: ['X', 'L', 'H'],
    MAT: ['X', 'N', 'P'],
    MPR: ['X', 'N', 'L', 'H'],
    MUI: ['X', 'N', 'P', 'A'],
    MVC: ['X', ...IMPACT],
    MVI: ['X', ...IMPACT],
    MVA: ['X', ...IMPACT],
    MSC: ['X', ...IMPACT],
    MSI: ['X', 'S', ...IMPACT],
    MSA: ['X', 'S', ...IMPACT],
    // Supplemental metrics describe the vulnerability but never change its score.
    S: ['X', 'N', 'P'],
    AU: ['X', 'N', 'Y'],
    R: ['X', 'A', 'U', 'I'],
    V: ['X', 'D', 'C'],
    RE: ['X', 'L', 'M', 'H'],
    U: ['X', 'Clear', 'Green', 'Amber', 'Red'],
  },
  required: BASE_METRICS,
};

/** Where "not defined" means "assume the worst": exploitation attacked, requirements high. */
const WORST_CASE: Readonly<Record<string, string>> = { E: 'A', CR: 'H', IR: 'H', AR: 'H' };

/** Severity level of each value, in steps of 0.1 from the most severe (0). */
const LEVELS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AV: { N: 0.0, A: 0.1, L: 0.2, P: 0.3 },
  PR: { N: 0.0, L: 0.1, H: 0.2 },
  UI: { N: 0.0, P: 0.1, A: 0.2 },
  AC: { L: 0.0, H: 0.1 },
  AT: { N: 0.0, P: 0.1 },
  VC: { H: 0.0, L: 0.1, N: 0.2 },
  VI: { H: 0.0, L: 0.1, N: 0.2 },
  VA: { H: 0.0, L: 0.1, N: 0.2 },
  SC: { H: 0.1, L: 0.2, N: 0.3 },
  SI: { S: 0.0, H: 0.1, L: 0.2, N: 0.3 },
  SA: { S: 0.0, H: 0.1, L: 0.2, N: 0.3 },
  CR: { H: 0.0, M: 0.1, L: 0.2 },
  IR: { H: 0.0, M: 0.1, L: 0.2 },
  AR: { H: 0.0, M: 0.1, L: 0.2 },
};
const STEP = 0.1;
/** Metrics the score reads, after environmental overrides and worst-case defaults. */
const SCORED_METRICS = [...BASE_METRICS, 'E', 'CR', 'IR', 'AR'];

export type Cvss4Nomenclature = 'CVSS-B' | 'CVSS-BT' | 'CVSS-BE' | 'CVSS-BTE';

export function parseCvss4(body: string): Metrics | undefined {
  return parseMetrics(body, TABLE);
}

/** Which metric groups the vector's score rests on (spec section 1.3). */
export function cvss4Nomenclature(m: Metrics): Cvss4Nomenclature {
  const threat = definesAny(m, CVSS4_THREAT_METRICS, 'X');
  const environmental = definesAny(m, CVSS4_ENVIRONMENTAL_METRICS, 'X');
  return `CVSS-B${threat ? 'T' : ''}${environmental ? 'E' : ''}` as Cvss4Nomenclature;
}

/** CVSS-B: the score of the base metrics alone, whatever threat or environmental metrics the vector adds. */
export function cvss4BaseScore(m: Metrics): number {
  return cvss4Score(new Map(BASE_METRICS.map((name) => [name, m.get(name)!])));
}

/** The score of every metric the vector carries, by the MacroVector interpolation of spec section 8.2. */
export function cvss4Score(m: Metrics): number {
  const eff: Record<string, string> = {};
  for (const name of SCORED_METRICS) eff[name] = effectiveValue(m, name);
  if (['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].every((name) => eff[name] === 'N')) return 0;

  const mv = macroVectorOf(eff);
  const [eq1, eq2, eq3, eq4, eq5, eq6] = mv;
  const value = macroVectorScore(mv)!;
  // Score of the next lower MacroVector along one EQ; undefined past the last level.
  const lower = (eq: number, level: number) => macroVectorScore(mv.map((l, i) => (i === eq ? level : l)));

  // EQ3 and EQ6 move together: from 00 both 01 and 10 are one step lower, and the higher one counts.
  const lowerEq3Eq6 =
    eq3 === 0 && eq6 === 0
      ? maxDefined(lower(5, 1), lower(2, 1))
      : eq3 === 1 && eq6 === 0
        ? lower(5, 1)
        : lower(2, eq3 + 1);
  const groups: EqGroup[] = [
    { lowerScore: lower(0, eq1 + 1), depth: DEPTH_EQ1[eq1]!, highest: HIGHEST_EQ1[eq1]!, metrics: ['AV', 'PR', 'UI'] },
    { lowerScore: lower(1, eq2 + 1), depth: DEPTH_EQ2[eq2]!, highest: HIGHEST_EQ2[eq2]!, metrics: ['AC', 'AT'] },
    {
      lowerScore: lowerEq3Eq6,
      depth: DEPTH_EQ3_EQ6[`${eq3}${eq6}`]!,
      highest: HIGHEST_EQ3_EQ6[`${eq3}${eq6}`]!,
      metrics: ['VC', 'VI', 'VA', 'CR', 'IR', 'AR'],
    },
    { lowerScore: lower(3, eq4 + 1), depth: DEPTH_EQ4[eq4]!, highest: HIGHEST_EQ4[eq4]!, metrics: ['SC', 'SI', 'SA'] },
  ];
  const distances = distancesFromHighest(groups, eff);

  let existing = 0;
  let total = 0;
  groups.forEach((group, i) => {
    if (group.lowerScore === undefined) return;
    existing++;
    total += (value - group.lowerScore) * (distances[i]! / (group.depth * STEP));
  });
  // Every vector sits at distance 0 within its EQ5 level, yet a lower level still counts in the mean.
  if (lower(4, eq5 + 1) !== undefined) existing++;
  const mean = existing === 0 ? 0 : total / existing;
  return roundHalfUp(Math.max(0, Math.min(10, value - mean)));
}

/** One equivalence set (EQ3 and EQ6 count as one) of the vector's MacroVector. */
interface EqGroup {
  /** Score of the next lower MacroVector along this set, if there is one. */
  lowerScore: number | undefined;
  /** Largest severity distance within the level, plus one, in steps of 0.1. */
  depth: number;
  highest: readonly Readonly<Record<string, string>>[];
  metrics: readonly string[];
}

/**
 * Severity distance of the vector, per group, from a highest-severity vector of its MacroVector:
 * the first one (in the specification's order) that is at least as severe in every metric. The
 * groups cover disjoint metrics, so each group picks its own; should some group find none, every
 * group falls back to its last candidate, which is what trying the full product in order ends on.
 */
function distancesFromHighest(groups: readonly EqGroup[], eff: Readonly<Record<string, string>>): number[] {
  const distance = (highest: Readonly<Record<string, string>>, name: string) => LEVELS[name]![eff[name]!]! - LEVELS[name]![highest[name]!]!;
  let picks = groups.map((g) => g.highest.find((h) => g.metrics.every((name) => distance(h, name) >= 0)));
  if (picks.some((pick) => pick === undefined)) picks = groups.map((g) => g.highest[g.highest.length - 1]);
  return groups.map((g, i) => g.metrics.reduce((sum, name) => sum + distance(picks[i]!, name), 0));
}

/**
 * Rounds to one decimal, half up. The epsilon absorbs float noise: an exact 5.65 computes as
 * 5.6499999… and FIRST's published scores (and the corpus) round it to 5.7.
 */
function roundHalfUp(x: number): number {
  return Math.round((x + 1e-6) * 10) / 10;
}

/** The value that counts: a modified (environmental) metric overrides its base metric. */
function effectiveValue(m: Metrics, name: string): string {
  const value = m.get(name) ?? 'X';
  if (value === 'X' && WORST_CASE[name]) return WORST_CASE[name];
  const modified = m.get(`M${name}`);
  return modified !== undefined && modified !== 'X' ? modified : value;
}

function macroVectorOf(eff: Readonly<Record<string, string>>): MacroVector {
  const { AV: av, PR: pr, UI: ui, VC: vc, VI: vi, VA: va, SC: sc, SI: si, SA: sa } = eff;
  const eq1 = av === 'N' && pr === 'N' && ui === 'N' ? 0 : (av === 'N' || pr === 'N' || ui === 'N') && av !== 'P' ? 1 : 2;
  const eq2 = eff.AC === 'L' && eff.AT === 'N' ? 0 : 1;
  const eq3 = vc === 'H' && vi === 'H' ? 0 : vc === 'H' || vi === 'H' || va === 'H' ? 1 : 2;
  const eq4 = si === 'S' || sa === 'S' ? 0 : sc === 'H' || si === 'H' || sa === 'H' ? 1 : 2;
  const eq5 = eff.E === 'P' ? 1 : eff.E === 'U' ? 2 : 0;
  const eq6 = (eff.CR === 'H' && vc === 'H') || (eff.IR === 'H' && vi === 'H') || (eff.AR === 'H' && va === 'H') ? 0 : 1;
  return [eq1, eq2, eq3, eq4, eq5, eq6];
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}
