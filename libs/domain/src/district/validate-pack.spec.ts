import type { DistrictPack } from './district-pack';
import type { PolygonCoordinates } from './geo/position';
import { samplePack } from './testing/sample-district';
import { validatePack } from './validate-pack';
import { DEFAULT_EVALUATION_SCHEME } from '../evaluation/evaluation-scheme';

/** Problems of the sample pack after one change. */
function problemsAfter(change: (pack: DistrictPack) => void): string[] {
  const pack = structuredClone(samplePack());
  change(pack);
  return validatePack(pack);
}

const cell = (pack: DistrictPack, code: string) => pack.cells.find((c) => c.code === code)!;
const moveNorth = (polygon: PolygonCoordinates, degrees: number): PolygonCoordinates =>
  polygon.map((ring) => ring.map(([lng, lat]) => [lng, lat + degrees] as [number, number]));

describe('validatePack', () => {
  it('finds nothing wrong with a sound pack', () => {
    expect(validatePack(samplePack())).toEqual([]);
  });

  describe('places', () => {
    it('wants 15-digit cell codes that start with their community id', () => {
      expect(problemsAfter((p) => (p.cells[0].code = '31019900100100'))).toContain(
        'cell 31019900100100: code is not 15 digits',
      );
      expect(problemsAfter((p) => (p.cells[0].code = '310199001002099'))).toContain(
        "cell 310199001002099: code does not start with its community's id 310199001001",
      );
    });

    it('wants a community id within its street id', () => {
      expect(problemsAfter((p) => (p.communities[2].streetId = '310199001'))).toContain(
        "community 310199002001: id does not start with its street's id 310199001",
      );
    });

    it('wants street ids within the district code and known streets', () => {
      const problems = problemsAfter((p) => {
        p.streets[1].id = '320199002';
        p.district.code = '31019';
      });
      expect(problems).toContain('district: code "31019" is not a 6-digit administrative division code');
      expect(problems).toContain('community 310199002001: unknown street 310199002');
    });

    it('reports a cell whose street is not its community’s: a cell in two streets', () => {
      expect(problemsAfter((p) => (cell(p, '310199001001001').streetId = '310199002'))).toContain(
        'cell 310199001001001: in two streets: says 310199002, its community 310199001001 is in 310199001',
      );
    });

    it('reports duplicate codes and a community without cells', () => {
      const problems = problemsAfter((p) => {
        p.cells[1].code = p.cells[0].code;
        p.cells = p.cells.filter((c) => c.communityId !== '310199001002');
      });
      expect(problems).toContain('cell 310199001001001: code used more than once');
      expect(problems).toContain('community 310199001002: has no cells');
    });

    it('names a broken polygon', () => {
      expect(problemsAfter((p) => p.cells[3].polygon[0].pop())).toContain(
        'cell 310199001001004: polygon exterior ring is not closed (last position differs from the first)',
      );
    });
  });

  describe('geometry', () => {
    it('reports overlapping cells with the area they share', () => {
      const problems = problemsAfter(
        (p) => (cell(p, '310199001001002').polygon = cell(p, '310199001001001').polygon),
      );
      expect(
        problems.find((m) => m.startsWith('cell 310199001001001: overlaps cell 310199001001002')),
      ).toMatch(/by 99\d\d m²|by 100\d\d m²/);
    });

    it('reports a cell reaching into another street', () => {
      // Half a cell (50 m) north: the top row of 甲一 then lies half in 乙街道.
      const problems = problemsAfter((p) => {
        const moved = cell(p, '310199001001002');
        moved.polygon = moveNorth(moved.polygon, 0.00045);
      });
      expect(problems.join('\n')).toMatch(
        /cell 310199001001002: in two streets: \d+ m² of it lies in street 310199002/,
      );
      expect(problems.join('\n')).toMatch(/cell 310199001001002: overlaps cell 310199002001008/);
    });

    it('reports cells that do not cover the district (more than 0.5% missing)', () => {
      const problems = problemsAfter((p) => p.cells.splice(0, 1));
      expect(problems.join('\n')).toMatch(
        /district: cells cover 29\d{4} m² but the streets 30\d{4} m² \(-3\.3\d%\)/,
      );
      expect(problems.join('\n')).toMatch(/street 310199001: its cells cover/);
    });
  });

  describe('catalogue', () => {
    it('reports every unknown department: category, responsibility row, street office', () => {
      const problems = problemsAfter((p) => {
        p.categories[0].defaultDepartmentId = 'roads';
        p.responsibility[0].departmentId = 'nobody';
        p.departments[3].streetId = '310199009';
      });
      expect(problems).toContain('category 0101 (井盖缺失): unknown default department roads');
      expect(problems).toContain('responsibility 1102 in street 310199002: unknown department nobody');
      expect(problems).toContain('department office-b: street office of unknown street 310199009');
    });

    it('wants a time limit with a positive amount, an urgent one shorter, safety on calendar hours', () => {
      const problems = problemsAfter((p) => {
        delete (p.categories[1] as Partial<DistrictPack['categories'][number]>).timeLimit;
        p.categories[2].urgentTimeLimit = { amount: 0, unit: 'workingHours' };
        p.categories[0].timeLimit = { amount: 6, unit: 'workingHours' };
      });
      expect(problems).toContain('category 1101 (违法搭建): time limit is missing');
      expect(problems).toContain(
        'category 1102 (暴露垃圾): urgent time limit has amount 0, not a positive number',
      );
      expect(problems).toContain('category 0101 (井盖缺失): a safety category runs on calendar hours');
      expect(
        problemsAfter((p) => (p.categories[2].urgentTimeLimit = { amount: 5, unit: 'workingHours' })),
      ).toContain('category 1102 (暴露垃圾): urgent time limit is not shorter than the normal one');
      // 1 working day is 7.5 working hours on this calendar: 8 hours is longer.
      expect(
        problemsAfter((p) => {
          p.categories[2].timeLimit = { amount: 1, unit: 'workingDays' };
          p.categories[2].urgentTimeLimit = { amount: 8, unit: 'workingHours' };
        }),
      ).toContain('category 1102 (暴露垃圾): urgent time limit is not shorter than the normal one');
    });

    it('wants category codes that are major class + minor class in their family’s range', () => {
      const problems = problemsAfter((p) => {
        p.categories.push({ ...p.categories[2] });
        p.categories[1].family = 'component';
        p.categories[0].code = '0102';
      });
      expect(problems).toContain('category 1102: code used more than once');
      expect(problems).toContain(
        'category 1101 (违法搭建): major class 11 is not in the component range (01-09)',
      );
      expect(problems).toContain('category 0102 (井盖缺失): code is not majorClass 01 + minorClass 01');
    });
  });

  describe('calendar', () => {
    it('wants HH:MM working periods that start before they end', () => {
      const problems = problemsAfter((p) => {
        p.calendar.workingHours[0].start = '8:30';
        p.calendar.workingHours[1] = { start: '17:30', end: '13:30' };
      });
      expect(problems).toContain('calendar: working period 1 needs start and end as HH:MM');
      expect(problems).toContain('calendar: working period 17:30-13:30 does not start before it ends');
    });

    it('wants real dates, make-up days on weekends, and the district’s time zone', () => {
      const problems = problemsAfter((p) => {
        p.calendar.holidays.push('2026-02-30');
        p.calendar.makeUpWorkdays.push('2026-10-09', '2026-10-01');
        p.calendar.timeZone = 'Asia/Tokyo';
      });
      expect(problems).toContain('calendar: holidays date "2026-02-30" is not YYYY-MM-DD');
      expect(problems).toContain('calendar: make-up workday 2026-10-09 is not on a weekend');
      expect(problems).toContain('calendar: 2026-10-01 is both a holiday and a make-up workday');
      expect(problems).toContain("calendar: time zone Asia/Tokyo differs from the district's Asia/Shanghai");
      expect(problemsAfter((p) => (p.calendar.timeZone = 'Mars/Olympus'))).toContain(
        'calendar: time zone "Mars/Olympus" is not an IANA zone',
      );
    });
  });

  describe('rules and the evaluation scheme', () => {
    it('accepts the defaults and sound settings', () => {
      expect(
        problemsAfter((p) => {
          p.rules = {
            disposalClockFrom: 'sign',
            rebound: { radiusMetres: 100, windowDays: 14 },
            repeatSpotMinReports: 3,
          };
          p.evaluation = DEFAULT_EVALUATION_SCHEME;
        }),
      ).toEqual([]);
    });

    it('names each rule that cannot be used', () => {
      expect(
        problemsAfter((p) => {
          p.rules = {
            disposalClockFrom: 'accept' as 'sign',
            rebound: { radiusMetres: -5 },
            repeatSpotMinReports: 1,
          };
        }),
      ).toEqual([
        'rules.disposalClockFrom: expected "dispatch" or "sign"',
        'rules.rebound.radiusMetres: expected a positive number',
        'rules.repeatSpotMinReports: expected a whole number of at least 2',
      ]);
    });

    it('refuses an evaluation scheme that does not add up to 1000 points, or is not numbers', () => {
      expect(
        problemsAfter(
          (p) =>
            (p.evaluation = {
              ...DEFAULT_EVALUATION_SCHEME,
              parts: { ...DEFAULT_EVALUATION_SCHEME.parts, media: 100 },
            }),
        ),
      ).toEqual(['evaluation.parts must add up to 1000 points (they add up to 1025)']);
      expect(
        problemsAfter(
          (p) => (p.evaluation = { ...DEFAULT_EVALUATION_SCHEME, admonishBelow: 'low' as unknown as number }),
        ),
      ).toEqual(['evaluation.admonishBelow: expected a number, 0 or more']);
    });
  });
});
