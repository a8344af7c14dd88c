import {
  COMPOSITE_RATES,
  EVALUATION_PARTS,
  validateEvaluationScheme,
  type EvaluationScheme,
} from '../../evaluation/evaluation-scheme';
import type { DistrictPack } from '../district-pack';
import { isRecord } from './shape';

const positive = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0;

/** The district's own rules of the loop and of its metrics, and its evaluation scheme. */
export function checkRules(pack: DistrictPack): string[] {
  const problems: string[] = [];
  const rules: unknown = pack.rules;
  if (rules !== undefined) {
    if (!isRecord(rules)) return ['rules: expected an object'];
    if (
      rules.disposalClockFrom !== undefined &&
      !['dispatch', 'sign'].includes(rules.disposalClockFrom as string)
    )
      problems.push('rules.disposalClockFrom: expected "dispatch" or "sign"');
    if (rules.rebound !== undefined) {
      const rebound = rules.rebound;
      if (!isRecord(rebound)) problems.push('rules.rebound: expected an object');
      else {
        if (rebound.radiusMetres !== undefined && !positive(rebound.radiusMetres))
          problems.push('rules.rebound.radiusMetres: expected a positive number');
        if (rebound.windowDays !== undefined && !positive(rebound.windowDays))
          problems.push('rules.rebound.windowDays: expected a positive number');
      }
    }
    if (
      rules.repeatSpotMinReports !== undefined &&
      !(Number.isInteger(rules.repeatSpotMinReports) && (rules.repeatSpotMinReports as number) >= 2)
    )
      problems.push('rules.repeatSpotMinReports: expected a whole number of at least 2');
  }
  const scheme: unknown = pack.evaluation;
  if (scheme !== undefined) {
    if (
      !isRecord(scheme) ||
      !isRecord(scheme.parts) ||
      !isRecord(scheme.composite) ||
      !isRecord(scheme.grades)
    )
      return [...problems, 'evaluation: expected {parts, composite, grades, admonishBelow}'];
    const { parts, composite } = scheme as {
      parts: Record<string, unknown>;
      composite: Record<string, unknown>;
    };
    const numbers = new Map<string, unknown>([
      ...EVALUATION_PARTS.map((p): [string, unknown] => [`evaluation.parts.${p}`, parts[p]]),
      ...COMPOSITE_RATES.map((r): [string, unknown] => [`evaluation.composite.${r}`, composite[r]]),
      ['evaluation.admonishBelow', scheme.admonishBelow],
    ]);
    const bad = [...numbers].filter(
      ([, value]) => typeof value !== 'number' || !Number.isFinite(value) || value < 0,
    );
    if (bad.length > 0) return [...problems, ...bad.map(([name]) => `${name}: expected a number, 0 or more`)];
    problems.push(...validateEvaluationScheme(scheme as unknown as EvaluationScheme));
  }
  return problems;
}
