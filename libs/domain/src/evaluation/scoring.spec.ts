import { DEFAULT_EVALUATION_SCHEME as scheme, validateEvaluationScheme } from './evaluation-scheme';
import { compositeScore, gradeOf, rankBy, scoreSubject } from './scoring';

describe('the quarterly evaluation scoring', () => {
  it('weights the composite, scoring lower-is-better rates as 1 - rate', () => {
    const rates = { disposal: 0.9, onTimeDisposal: 0.8, rework: 0.1, overdueOpen: 0.05, extension: 0.2 };
    // 30*0.9 + 20*0.8 + 20*0.9 + 20*0.95 + 10*0.8 = 27 + 16 + 18 + 19 + 8
    expect(compositeScore(rates, scheme.composite)).toBeCloseTo(88, 10);
    expect(compositeScore({ ...rates, disposal: null }, scheme.composite)).toBeNull();
  });

  it('grades on the parts that have data, out of their points', () => {
    const s = scoreSubject({ assessment: 80, hotline: 90, thirdParty: null }, scheme);
    expect(s.available).toBe(700);
    expect(s.earned).toBeCloseTo(480 + 90, 10);
    expect(s.percentage).toBeCloseTo((570 / 700) * 100, 10);
    expect(s.grade).toBe('B');
    expect(s.parts.thirdParty).toEqual({ points: 150, score: null, earned: null });
    expect(scoreSubject({}, scheme)).toMatchObject({ percentage: null, grade: null });
  });

  it('grades A >= 90, B >= 75, C >= 60, D >= 40, E below', () => {
    expect([90, 89.99, 75, 60, 40, 39.9].map((p) => gradeOf(p, scheme))).toEqual([
      'A',
      'B',
      'B',
      'C',
      'D',
      'E',
    ]);
  });

  it('ranks highest first, ties sharing a place, the unassessed unranked', () => {
    const ranks = rankBy([
      { id: 'a', percentage: 80 },
      { id: 'b', percentage: 95 },
      { id: 'c', percentage: 80 },
      { id: 'd', percentage: null },
      { id: 'e', percentage: 70 },
    ]);
    expect(Object.fromEntries(ranks)).toEqual({ b: 1, a: 2, c: 2, e: 4 });
  });

  it('refuses a scheme that does not add up', () => {
    expect(validateEvaluationScheme(scheme)).toEqual([]);
    expect(validateEvaluationScheme({ ...scheme, parts: { ...scheme.parts, media: 100 } })).toEqual([
      'evaluation.parts must add up to 1000 points (they add up to 1025)',
    ]);
  });
});
