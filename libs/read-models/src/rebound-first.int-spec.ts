import { openTestSchema, type TestSchema } from '@cityloop/testing';
import { projectionsMigrations } from './migrations';
import { ALL_REBOUNDS_SQL, pairsOfClosedSql, ReboundPairs } from './rebound-pairs';

const RULES = { reboundRadiusMetres: 250, reboundWindowDays: 30 };
const COLUMNS = `case_id, status, category_code, grid_cell_code, lat, lng, proactive, citizen, reported_at,
  caller_onset_at, rejected_at, closed_at, department_count, verification_failures, extended, postponed, updated_at`;

/**
 * The first rebound kept, found by the look-ups that stop at a first match, equals the definition's
 * (ALL_REBOUNDS_SQL) on cases built to reach every branch of the relation: points scattered either
 * side of the radius, grid cells that do not follow the points (a cell's cases may lie beyond the
 * radius), reports on the hour (ties broken by id), rejected cases, and onsets up to 40 days before
 * the report (cases in the relation through their onset alone), whether the rebuild writes them
 * once or the projection refreshes them as cases arrive in any order.
 */
describe('the first rebound of a closed case', () => {
  let schema: TestSchema;
  let definition: unknown[];

  const kept = () =>
    schema.dataSource.query('SELECT case_id, rebound_case_id, distance_metres FROM rebounds ORDER BY 1, 2');
  const ids = (order: string) =>
    schema.dataSource.query<{ caseId: string; categoryCode: string }[]>(
      `SELECT case_id AS "caseId", category_code AS "categoryCode" FROM generated ORDER BY ${order}`,
    );
  /** The generated cases that `where` picks go into `cases`. */
  const arrive = (where: string, params: unknown[] = []) =>
    schema.dataSource.query(
      `INSERT INTO cases (${COLUMNS}) SELECT ${COLUMNS} FROM generated WHERE ${where}`,
      params,
    );

  beforeAll(async () => {
    schema = await openTestSchema('rebound_first', 'projections', projectionsMigrations('projections'));
    await schema.dataSource.query(`SELECT setseed(0.17)`);
    await schema.dataSource.query(`
      CREATE TABLE generated AS
      SELECT md5('rebound-first-' || i)::uuid AS case_id, 'closed' AS status, 'c' || (i % 2) AS category_code,
             'cell-' || floor(random() * 150) AS grid_cell_code,
             CASE WHEN i % 5 = 0 THEN 31.235 + i % 3 * 0.0003 ELSE 31.22 + random() * 0.03 END AS lat,
             CASE WHEN i % 5 = 0 THEN 121.475 ELSE 121.46 + random() * 0.03 END AS lng, false AS proactive, true AS citizen,
             reported AS reported_at,
             CASE WHEN random() < 0.4 THEN reported - random() * interval '40 days' END AS caller_onset_at,
             CASE WHEN random() < 0.1 THEN reported + interval '1 hour' END AS rejected_at,
             CASE WHEN random() < 0.7 THEN reported + random() * interval '10 days' END AS closed_at,
             1 AS department_count, 0 AS verification_failures, false AS extended, false AS postponed,
             now() AS updated_at
        FROM generate_series(1, 1500) i,
             LATERAL (SELECT timestamptz '2026-07-01' + floor(random() * 480 + i * 0) * interval '6 hours' AS reported) r`);
    await arrive('true');
    await schema.dataSource.query('ANALYZE cases');
    definition = await schema.dataSource.query(`SELECT * FROM (${ALL_REBOUNDS_SQL}) d ORDER BY 1, 2`, [
      RULES.reboundRadiusMetres,
      RULES.reboundWindowDays,
    ]);
  }, 120_000);
  afterAll(() => schema.close());

  it('reaches every branch of the relation in these cases', async () => {
    const [branches] = await schema.dataSource.query<
      { onsetOnly: number; cellBeyond: number; tied: number }[]
    >(
      `WITH closed AS (SELECT * FROM cases), pairs AS (${pairsOfClosedSql('$1', '$2')}),
            firsts AS (${ALL_REBOUNDS_SQL})
       SELECT count(*) FILTER (WHERE b.reported_at > a.closed_at + interval '30 days')::int AS "onsetOnly",
              count(*) FILTER (WHERE f.distance_metres > 250)::int AS "cellBeyond",
              count(*) FILTER (WHERE (SELECT count(*) FROM pairs p
                                       WHERE p.a_id = a.case_id AND p.b_reported_at = b.reported_at) > 1)::int AS tied
         FROM firsts f JOIN cases a ON a.case_id = f.case_id JOIN cases b ON b.case_id = f.rebound_case_id`,
      [RULES.reboundRadiusMetres, RULES.reboundWindowDays],
    );
    expect(definition.length).toBeGreaterThan(300);
    expect(branches.onsetOnly).toBeGreaterThan(0);
    expect(branches.cellBeyond).toBeGreaterThan(0);
    expect(branches.tied).toBeGreaterThan(0);
  });

  it("is the definition's when the rebuild writes every closed case once", async () => {
    await schema.dataSource.query('TRUNCATE rebounds');
    const cases = await ids('case_id');
    for (let i = 0; i < cases.length; i += 200)
      await schema.dataSource.transaction((m) =>
        new ReboundPairs(RULES).addAsClosed(cases.slice(i, i + 200), m),
      );
    expect(await kept()).toEqual(definition);
  });

  it("is the definition's when the projection refreshes the cases as they arrive, in any order", async () => {
    await schema.dataSource.query('TRUNCATE cases, rebounds');
    const cases = await ids('md5(case_id::text)');
    for (let i = 0; i < cases.length; i += 7) {
      const arriving = cases.slice(i, i + 7);
      await arrive('case_id = ANY ($1::uuid[])', [arriving.map((c) => c.caseId)]);
      await schema.dataSource.transaction((m) => new ReboundPairs(RULES).refresh(arriving, m));
    }
    expect(await kept()).toEqual(definition);
  });
});
