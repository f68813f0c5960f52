/** CVSS versions Chainsight scores; `2.0` is the legacy scheme NVD used until 2022. */
export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0';

/** Qualitative rating in the words of the CVSS specifications. v2 has only low, medium and high. */
export type CvssRating = 'none' | 'low' | 'medium' | 'high' | 'critical';

/**
 * The rating scale of each version. v3.x and v4.0 share FIRST's table (0.0 none, 0.1–3.9 low,
 * 4.0–6.9 medium, 7.0–8.9 high, 9.0–10.0 critical); v2 predates it and NVD rated 0.0–3.9 low,
 * 4.0–6.9 medium and 7.0–10.0 high, so a v2 score is never `none` nor `critical`.
 */
export function ratingForScore(score: number, version: CvssVersion): CvssRating {
  if (version === '2.0') return score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return score > 0 ? 'low' : 'none';
}
