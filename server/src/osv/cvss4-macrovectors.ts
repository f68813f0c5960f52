/**
 * Normative data of CVSS v4.0 scoring (https://www.first.org/cvss/v4-0/specification-document,
 * section 8): the expert-assigned score of every MacroVector, the highest-severity vectors of each
 * equivalence class and the depth of each class. The numbers are those FIRST publishes with its
 * reference calculator (BSD-2-Clause, © FIRST, Red Hat and contributors); the layout is ours.
 */

/** EQ1..EQ6 levels of a vector; 0 is the most severe level of each equivalence set. */
export type MacroVector = readonly [number, number, number, number, number, number];

/**
 * MacroVector scores keyed by EQ1 EQ2 EQ3 EQ4; each row lists (EQ5, EQ6) = 00 01 10 11 20 21.
 * EQ3 = 2 exists only together with EQ6 = 1, so those rows list (EQ5, EQ6) = 01 11 21.
 */
const SCORES: Readonly<Record<string, readonly number[]>> = {
  '0000': [10, 9.9, 9.8, 9.5, 9.5, 9.2],
  '0001': [10, 9.6, 9.3, 8.7, 9.1, 8.1],
  '0002': [9.3, 9, 8.9, 8, 8.1, 6.8],
  '0010': [9.8, 9.5, 9.5, 9.2, 9, 8.4],
  '0011': [9.3, 9.2, 8.9, 8.1, 8.1, 6.5],
  '0012': [8.8, 8, 7.8, 7, 6.9, 4.8],
  '0020': [9.2, 8.2, 7.2],
  '0021': [7.9, 6.9, 5],
  '0022': [6.9, 5.5, 2.7],
  '0100': [9.9, 9.7, 9.5, 9.2, 9.2, 8.5],
  '0101': [9.5, 9.1, 9, 8.3, 8.4, 7.1],
  '0102': [9.2, 8.1, 8.2, 7.1, 7.2, 5.3],
  '0110': [9.5, 9.3, 9.2, 8.5, 8.5, 7.3],
  '0111': [9.2, 8.2, 8, 7.2, 7, 5.9],
  '0112': [8.4, 7, 7.1, 5.2, 5, 3],
  '0120': [8.6, 7.5, 5.2],
  '0121': [7.1, 5.2, 2.9],
  '0122': [6.3, 2.9, 1.7],
  '1000': [9.8, 9.5, 9.4, 8.7, 9.1, 8.1],
  '1001': [9.4, 8.9, 8.6, 7.4, 7.7, 6.4],
  '1002': [8.7, 7.5, 7.4, 6.3, 6.3, 4.9],
  '1010': [9.4, 8.9, 8.8, 7.7, 7.6, 6.7],
  '1011': [8.6, 7.6, 7.4, 5.8, 5.9, 5],
  '1012': [7.2, 5.7, 5.7, 5.2, 5.2, 2.5],
  '1020': [8.3, 7, 5.4],
  '1021': [6.5, 5.8, 2.6],
  '1022': [5.3, 2.1, 1.3],
  '1100': [9.5, 9, 8.8, 7.6, 7.6, 7],
  '1101': [9, 7.7, 7.5, 6.2, 6.1, 5.3],
  '1102': [7.7, 6.6, 6.8, 5.9, 5.2, 3],
  '1110': [8.9, 7.8, 7.6, 6.7, 6.2, 5.8],
  '1111': [7.4, 5.9, 5.7, 5.7, 4.7, 2.3],
  '1112': [6.1, 5.2, 5.7, 2.9, 2.4, 1.6],
  '1120': [7.1, 5.9, 3],
  '1121': [5.8, 2.6, 1.5],
  '1122': [2.3, 1.3, 0.6],
  '2000': [9.3, 8.7, 8.6, 7.2, 7.5, 5.8],
  '2001': [8.6, 7.4, 7.4, 6.1, 5.6, 3.4],
  '2002': [7, 5.4, 5.2, 4, 4, 2.2],
  '2010': [8.5, 7.5, 7.4, 5.5, 6.2, 5.1],
  '2011': [7.2, 5.7, 5.5, 4.1, 4.6, 1.9],
  '2012': [5.3, 3.6, 3.4, 1.9, 1.9, 0.8],
  '2020': [6.4, 5.1, 2],
  '2021': [4.7, 2.1, 1.1],
  '2022': [2.4, 0.9, 0.4],
  '2100': [8.8, 7.5, 7.3, 5.3, 6, 5],
  '2101': [7.3, 5.5, 5.9, 4, 4.1, 2],
  '2102': [5.4, 4.3, 4.5, 2.2, 2, 1.1],
  '2110': [7.5, 5.5, 5.8, 4.5, 4, 2.1],
  '2111': [6.1, 5.1, 4.8, 1.8, 2, 0.9],
  '2112': [4.6, 1.8, 1.7, 0.7, 0.8, 0.2],
  '2120': [5.3, 2.4, 1.4],
  '2121': [2.4, 1.2, 0.5],
  '2122': [1, 0.3, 0.1],
};

/** Expert score of a MacroVector, or undefined when no such MacroVector exists (a level past the last). */
export function macroVectorScore(mv: readonly number[]): number | undefined {
  const [eq1, eq2, eq3, eq4, eq5, eq6] = mv;
  const row = SCORES[`${eq1}${eq2}${eq3}${eq4}`];
  if (!row || eq5 > 2 || eq6 > 1) return undefined;
  if (eq3 === 2) return eq6 === 1 ? row[eq5] : undefined;
  return row[eq5 * 2 + eq6];
}

type MetricValues = Readonly<Record<string, string>>;

/** Highest-severity vectors of each EQ level: a vector is scored by its distance from one of them. */
export const HIGHEST_EQ1: readonly (readonly MetricValues[])[] = [
  [{ AV: 'N', PR: 'N', UI: 'N' }],
  [
    { AV: 'A', PR: 'N', UI: 'N' },
    { AV: 'N', PR: 'L', UI: 'N' },
    { AV: 'N', PR: 'N', UI: 'P' },
  ],
  [
    { AV: 'P', PR: 'N', UI: 'N' },
    { AV: 'A', PR: 'L', UI: 'P' },
  ],
];

export const HIGHEST_EQ2: readonly (readonly MetricValues[])[] = [
  [{ AC: 'L', AT: 'N' }],
  [
    { AC: 'H', AT: 'N' },
    { AC: 'L', AT: 'P' },
  ],
];

/** EQ3 and EQ6 are scored jointly: keyed `${eq3}${eq6}`. */
export const HIGHEST_EQ3_EQ6: Readonly<Record<string, readonly MetricValues[]>> = {
  '00': [{ VC: 'H', VI: 'H', VA: 'H', CR: 'H', IR: 'H', AR: 'H' }],
  '01': [
    { VC: 'H', VI: 'H', VA: 'L', CR: 'M', IR: 'M', AR: 'H' },
    { VC: 'H', VI: 'H', VA: 'H', CR: 'M', IR: 'M', AR: 'M' },
  ],
  '10': [
    { VC: 'L', VI: 'H', VA: 'H', CR: 'H', IR: 'H', AR: 'H' },
    { VC: 'H', VI: 'L', VA: 'H', CR: 'H', IR: 'H', AR: 'H' },
  ],
  '11': [
    { VC: 'L', VI: 'H', VA: 'L', CR: 'H', IR: 'M', AR: 'H' },
    { VC: 'L', VI: 'H', VA: 'H', CR: 'H', IR: 'M', AR: 'M' },
    { VC: 'H', VI: 'L', VA: 'H', CR: 'M', IR: 'H', AR: 'M' },
    { VC: 'H', VI: 'L', VA: 'L', CR: 'M', IR: 'H', AR: 'H' },
    { VC: 'L', VI: 'L', VA: 'H', CR: 'H', IR: 'H', AR: 'M' },
  ],
  '21': [{ VC: 'L', VI: 'L', VA: 'L', CR: 'H', IR: 'H', AR: 'H' }],
};

export const HIGHEST_EQ4: readonly (readonly MetricValues[])[] = [
  [{ SC: 'H', SI: 'S', SA: 'S' }],
  [{ SC: 'H', SI: 'H', SA: 'H' }],
  [{ SC: 'L', SI: 'L', SA: 'L' }],
];

/** Depth of each EQ level (its largest severity distance, plus one), in steps of 0.1. */
export const DEPTH_EQ1: readonly number[] = [1, 4, 5];
export const DEPTH_EQ2: readonly number[] = [1, 2];
export const DEPTH_EQ3_EQ6: Readonly<Record<string, number>> = { '00': 7, '01': 6, '10': 8, '11': 8, '21': 10 };
export const DEPTH_EQ4: readonly number[] = [6, 5, 4];
