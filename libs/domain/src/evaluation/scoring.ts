import {
  COMPOSITE_RATES,
  LOWER_IS_BETTER,
  type CompositeRate,
  type EvaluationPart,
  type EvaluationScheme,
} from './evaluation-scheme';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';

/**
 * The department composite (0-100): each rate's weight times the rate (or 1 - rate when lower is
 * better). Null when the subject had no case due in the quarter: nothing to assess.
 */
export function compositeScore(
  rates: Record<CompositeRate, number | null>,
  weights: EvaluationScheme['composite'],
): number | null {
  if (COMPOSITE_RATES.some((rate) => rates[rate] === null)) return null;
  return COMPOSITE_RATES.reduce((sum, rate) => {
    const value = rates[rate]!;
    return sum + weights[rate] * (LOWER_IS_BETTER.has(rate) ? 1 - value : value);
  }, 0);
}

export interface PartScore {
  points: number;
  /** 0-100, or null when the part has no data for the subject (not assessed, not imported). */
  score: number | null;
  earned: number | null;
}

export interface SubjectScore {
  parts: Record<EvaluationPart, PartScore>;
  earned: number;
  /** Points of the parts that have data: the subject is graded on what was assessed. */
  available: number;
  /** earned / available, as a percentage; null when nothing was assessed. */
  percentage: number | null;
  grade: Grade | null;
}

export function scoreSubject(
  scores: Partial<Record<EvaluationPart, number | null>>,
  scheme: EvaluationScheme,
): SubjectScore {
  const parts = Object.fromEntries(
    Object.entries(scheme.parts).map(([part, points]) => {
      const score = scores[part as EvaluationPart] ?? null;
      return [part, { points, score, earned: score === null ? null : (points * score) / 100 }];
    }),
  ) as Record<EvaluationPart, PartScore>;
  const assessed = Object.values(parts).filter((p) => p.score !== null);
  const earned = assessed.reduce((sum, p) => sum + p.earned!, 0);
  const available = assessed.reduce((sum, p) => sum + p.points, 0);
  const percentage = available > 0 ? (earned / available) * 100 : null;
  return {
    parts,
    earned,
    available,
    percentage,
    grade: percentage === null ? null : gradeOf(percentage, scheme),
  };
}

export function gradeOf(percentage: number, scheme: EvaluationScheme): Grade {
  const { A, B, C, D } = scheme.grades;
  return percentage >= A ? 'A' : percentage >= B ? 'B' : percentage >= C ? 'C' : percentage >= D ? 'D' : 'E';
}

/**
 * Competition ranking (1, 2, 2, 4) by percentage, highest first; subjects not assessed are not
 * ranked. Scores equal to 1e-9 are ties, so that float noise never splits them.
 */
export function rankBy<T extends { id: string; percentage: number | null }>(
  subjects: readonly T[],
): Map<string, number> {
  const ranked = subjects
    .filter((s) => s.percentage !== null)
    .sort((a, b) => b.percentage! - a.percentage! || a.id.localeCompare(b.id));
  const ranks = new Map<string, number>();
  ranked.forEach((s, i) => {
    const previous = ranked[i - 1];
    ranks.set(
      s.id,
      previous && Math.abs(previous.percentage! - s.percentage!) < 1e-9 ? ranks.get(previous.id)! : i + 1,
    );
  });
  return ranks;
}
