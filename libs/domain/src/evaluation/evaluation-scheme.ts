/**
 * The quarterly evaluation's scheme (综合考评), configurable per district (the pack's `evaluation`):
 * a 1000-point split into parts, the department composite's weights, grade thresholds and the
 * admonishment line. docs/METRICS.md, "The quarterly evaluation", explains each choice.
 */
export interface EvaluationScheme {
  /** Points per part; computed parts: assessment, hotline; imported parts: thirdParty, experts, media. */
  parts: Record<EvaluationPart, number>;
  /** Weights of the composite's rates (the assessment part); lower-is-better rates score as 1 - rate. */
  composite: Record<CompositeRate, number>;
  /** Lowest percentage for each grade; below the last, E. */
  grades: { A: number; B: number; C: number; D: number };
  /** Subjects whose percentage is below this are listed for admonishment (约谈). */
  admonishBelow: number;
}

export const EVALUATION_PARTS = ['assessment', 'hotline', 'thirdParty', 'experts', 'media'] as const;
export type EvaluationPart = (typeof EVALUATION_PARTS)[number];
export const IMPORTED_PARTS = ['thirdParty', 'experts', 'media'] as const;
export type ImportedPart = (typeof IMPORTED_PARTS)[number];

export const COMPOSITE_RATES = ['disposal', 'onTimeDisposal', 'rework', 'overdueOpen', 'extension'] as const;
export type CompositeRate = (typeof COMPOSITE_RATES)[number];
export const LOWER_IS_BETTER: ReadonlySet<CompositeRate> = new Set(['rework', 'overdueOpen', 'extension']);

export const DEFAULT_EVALUATION_SCHEME: EvaluationScheme = {
  parts: { assessment: 600, hotline: 100, thirdParty: 150, experts: 75, media: 75 },
  composite: { disposal: 30, onTimeDisposal: 20, rework: 20, overdueOpen: 20, extension: 10 },
  grades: { A: 90, B: 75, C: 60, D: 40 },
  admonishBelow: 60,
};

/** What is wrong with a scheme, one line per problem (empty when it is sound). */
export function validateEvaluationScheme(scheme: EvaluationScheme): string[] {
  const problems: string[] = [];
  const points = EVALUATION_PARTS.reduce((sum, part) => sum + (scheme.parts[part] ?? NaN), 0);
  if (points !== 1000)
    problems.push(`evaluation.parts must add up to 1000 points (they add up to ${points})`);
  const weights = COMPOSITE_RATES.reduce((sum, rate) => sum + (scheme.composite[rate] ?? NaN), 0);
  if (weights !== 100)
    problems.push(`evaluation.composite weights must add up to 100 (they add up to ${weights})`);
  const { A, B, C, D } = scheme.grades;
  if (!(A > B && B > C && C > D && D > 0 && A <= 100))
    problems.push('evaluation.grades must fall: 100 >= A > B > C > D > 0');
  return problems;
}
