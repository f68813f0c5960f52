import assert from 'node:assert/strict';
import { scoreCvss, type CvssScore } from '../../../server/src/osv/cvss';

type Want = Partial<CvssScore> | undefined;

const V31_CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

/** Vectors whose scores come from the specifications' examples or FIRST's calculators. */
const ROWS: { name: string; vector: unknown; want: Want }[] = [
  // v2: NVD printed vectors bare or in parentheses; v2 has no "none" and no "critical".
  { name: 'v2 bare, as NVD and OSV give it', vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', want: { version: '2.0', baseScore: 7.5, rating: 'high', vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' } },
  { name: 'v2 in parentheses: scored, parentheses dropped', vector: '(AV:N/AC:L/Au:N/C:P/I:P/A:P)', want: { version: '2.0', baseScore: 7.5, vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' } },
  { name: 'v2 with a CVSS:2.0 prefix', vector: 'CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P', want: { version: '2.0', baseScore: 7.5 } },
  { name: 'v2 guide example CVE-2002-0392', vector: 'AV:N/AC:L/Au:N/C:N/I:N/A:C', want: { baseScore: 7.8, rating: 'high' } },
  { name: 'v2 guide example CVE-2003-0062', vector: 'AV:L/AC:H/Au:N/C:C/I:C/A:C', want: { baseScore: 6.2, rating: 'medium' } },
  { name: 'v2 10.0 is high', vector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C', want: { baseScore: 10, rating: 'high' } },
  { name: 'v2 7.0 is high', vector: 'AV:A/AC:M/Au:M/C:C/I:C/A:C', want: { baseScore: 7, rating: 'high' } },
  { name: 'v2 6.9 is medium', vector: 'AV:L/AC:M/Au:N/C:C/I:C/A:C', want: { baseScore: 6.9, rating: 'medium' } },
  { name: 'v2 4.0 is medium', vector: 'AV:L/AC:H/Au:N/C:N/I:N/A:C', want: { baseScore: 4, rating: 'medium' } },
  { name: 'v2 0.8 is low', vector: 'AV:L/AC:H/Au:M/C:N/I:N/A:P', want: { baseScore: 0.8, rating: 'low' } },
  { name: 'v2 0.0 is low', vector: 'AV:L/AC:H/Au:M/C:N/I:N/A:N', want: { baseScore: 0, rating: 'low' } },
  {
    name: 'v2 temporal and environmental metrics are accepted; the base score is what counts',
    vector: 'AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:H',
    want: { version: '2.0', baseScore: 7.8, rating: 'high', vectorScore: undefined },
  },

  // v3
  { name: 'v3.1 surrounding whitespace is trimmed', vector: `  ${V31_CRITICAL}\n`, want: { version: '3.1', baseScore: 9.8, rating: 'critical', vector: V31_CRITICAL } },
  { name: 'v3.0 prefix selects v3.0', vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', want: { version: '3.0', baseScore: 9.8 } },
  { name: 'v3 metrics in any order', vector: 'CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N', want: { baseScore: 9.8 } },
  {
    name: 'v3 temporal metrics: temporal score beside the base',
    vector: `${V31_CRITICAL}/E:U/RL:O/RC:R`,
    want: { baseScore: 9.8, rating: 'critical', vectorScore: { kind: 'temporal', score: 8.2, rating: 'high' } },
  },
  {
    name: 'v3 environmental metrics: environmental score beside the base',
    vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H/CR:L/IR:L/AR:H/MAV:L',
    want: { baseScore: 9.9, vectorScore: { kind: 'environmental', score: 8.8, rating: 'high' } },
  },
  {
    name: 'v3.1 Scope:Changed without environmental metrics: no environmental score (convention)',
    vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H',
    want: { baseScore: 9.9, vectorScore: undefined },
  },
  { name: 'v3 metrics set to X only: nothing beside the base', vector: `${V31_CRITICAL}/E:X/CR:X/MAV:X`, want: { baseScore: 9.8, vectorScore: undefined } },

  // v4: the base score is CVSS-B; threat and environmental metrics give the score beside it.
  {
    name: 'v4 threat metric (RUSTSEC-2026-0066): rated on CVSS-B, CVSS-BT beside it',
    vector: 'CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N/E:U',
    want: { version: '4.0', baseScore: 6.3, rating: 'medium', vectorScore: { kind: 'CVSS-BT', score: 1.7, rating: 'low' } },
  },
  {
    name: 'v4 MSI:S (safety) raises the environmental score',
    vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S',
    want: { baseScore: 9.3, rating: 'critical', vectorScore: { kind: 'CVSS-BE', score: 10, rating: 'critical' } },
  },
  {
    name: 'v4 threat, environmental and supplemental metrics together',
    vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/CR:L/IR:L/AR:L/S:P/U:Red',
    want: { baseScore: 9.3, vectorScore: { kind: 'CVSS-BTE', score: 7.9, rating: 'high' } },
  },
  { name: 'v4 supplemental metrics change nothing', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/R:I/V:C/RE:H/U:Amber', want: { baseScore: 9.3, vectorScore: undefined } },
  { name: 'v4 10.0 is critical', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', want: { baseScore: 10, rating: 'critical' } },
  { name: 'v4 9.0 is critical', vector: 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:H/SC:H/SI:N/SA:N', want: { baseScore: 9, rating: 'critical' } },
  { name: 'v4 8.9 is high', vector: 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:N/VA:N/SC:H/SI:N/SA:N', want: { baseScore: 8.9, rating: 'high' } },
  { name: 'v4 7.0 is high', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:H/VI:L/VA:L/SC:L/SI:L/SA:L', want: { baseScore: 7, rating: 'high' } },
  { name: 'v4 6.9 is medium', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L', want: { baseScore: 6.9, rating: 'medium' } },
  { name: 'v4 4.0 is medium', vector: 'CVSS:4.0/AV:N/AC:L/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:H/SI:N/SA:N', want: { baseScore: 4, rating: 'medium' } },
  { name: 'v4 no impact is 0.0, none', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', want: { baseScore: 0, rating: 'none' } },
  { name: 'v4 metrics in any order', vector: 'CVSS:4.0/SA:H/SI:H/SC:H/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/AC:L/AV:N', want: { baseScore: 10 } },

  // Not a complete, valid vector: undefined, never a guess.
  { name: 'empty', vector: '', want: undefined },
  { name: 'blank', vector: '   ', want: undefined },
  { name: 'not a vector', vector: 'HIGH', want: undefined },
  { name: 'prefix only', vector: 'CVSS:3.1/', want: undefined },
  { name: 'v3 partial', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N', want: undefined },
  { name: 'v3 missing one base metric', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', want: undefined },
  { name: 'v3 metric repeated', vector: `${V31_CRITICAL}/A:L`, want: undefined },
  { name: 'v3 value out of range', vector: 'CVSS:3.1/AV:Z/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', want: undefined },
  { name: 'v3 unknown metric', vector: `${V31_CRITICAL}/XX:Y`, want: undefined },
  { name: 'v3 trailing slash', vector: `${V31_CRITICAL}/`, want: undefined },
  { name: 'v3 empty metric between slashes', vector: 'CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', want: undefined },
  { name: 'v3 lower case (the specification is case-sensitive)', vector: 'cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h', want: undefined },
  { name: 'unknown version', vector: 'CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', want: undefined },
  { name: 'v3 metrics without prefix', vector: 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', want: undefined },
  { name: 'v2 metrics under a v3 prefix', vector: 'CVSS:3.1/AV:N/AC:L/Au:N/C:P/I:P/A:P', want: undefined },
  { name: 'v3 metrics under a v4 prefix', vector: 'CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', want: undefined },
  { name: 'v3 with a v2 value', vector: `${V31_CRITICAL}/E:ND`, want: undefined },
  { name: 'v2 with a v3 "not defined"', vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X', want: undefined },
  { name: 'v2 unbalanced parenthesis', vector: '(AV:N/AC:L/Au:N/C:P/I:P/A:P', want: undefined },
  { name: 'v2 doubled parentheses', vector: '((AV:N/AC:L/Au:N/C:P/I:P/A:P))', want: undefined },
  { name: 'v4 missing SA', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N', want: undefined },
  { name: 'v4 S (safety) is only a modified value', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N', want: undefined },
  { name: 'v4 threat value out of range', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:Z', want: undefined },
  { name: 'prototype keys are not metrics', vector: 'CVSS:3.1/__proto__:N/constructor:L/PR:N/UI:N/S:U/C:H/I:H/A:H', want: undefined },
  { name: 'text after the vector', vector: `${V31_CRITICAL} (NVD)`, want: undefined },
  { name: 'overlong input', vector: `${V31_CRITICAL}/${'E:X/'.repeat(200)}`, want: undefined },
  { name: 'null (malformed JSON)', vector: null, want: undefined },
  { name: 'number (malformed JSON)', vector: 9.8, want: undefined },
];

describe('scoreCvss', () => {
  for (const { name, vector, want } of ROWS) {
    it(name, () => {
      const got = scoreCvss(vector as string);
      if (want === undefined) return assert.equal(got, undefined);
      assert.ok(got, 'expected a score');
      const picked = Object.fromEntries(Object.keys(want).map((key) => [key, got[key as keyof CvssScore]]));
      assert.deepEqual(picked, want);
    });
  }
});
