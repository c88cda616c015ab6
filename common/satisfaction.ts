// Satisfaction scores (SPEC M6, C095–C097), one function for the server and the console.

/** 很满意 5 … 很不满意 1: the default labels of a 5-point item, best first (editable per question). */
export const SCALE_LABELS = ["很满意", "满意", "一般", "不满意", "很不满意"] as const;

export type RatingCounts = { 1: number; 2: number; 3: number; 4: number; 5: number };

/**
 * From the number of answers at each point: the raw index of seed 002 (5·n₅+4·n₄+3·n₃+2·n₂+1·n₁),
 * our normalised index (that sum over n, 1–5), and the satisfaction rate (share of 4 and 5). Both
 * indexes are shown so a paper report can be reconciled (C095). Nothing answered: no figures.
 */
export function satisfaction(counts: RatingCounts) {
  const n = counts[1] + counts[2] + counts[3] + counts[4] + counts[5];
  const weightedSum = 5 * counts[5] + 4 * counts[4] + 3 * counts[3] + 2 * counts[2] + counts[1];
  return {
    n,
    weightedSum,
    index: n ? Math.round((weightedSum / n) * 100) / 100 : null,
    rate: n ? (counts[4] + counts[5]) / n : null,
  };
}

/** Counts from a list of ratings (1–5). */
export function countRatings(ratings: readonly number[]): RatingCounts {
  const counts: RatingCounts = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const r of ratings) counts[r as keyof RatingCounts] += 1;
  return counts;
}

/** A total-score band of a template (C096), e.g. ≥ 240 of 300 满意. Bands are checked from the highest minimum. */
export type ScoreBand = { min: number; label: string };

export function bandOf(total: number, bands: readonly ScoreBand[]): string | null {
  return [...bands].sort((a, b) => b.min - a.min).find((b) => total >= b.min)?.label ?? null;
}
