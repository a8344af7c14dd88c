import { openTestSchema, type TestSchema } from '@cityloop/testing';
import { projectionsMigrations } from './migrations';
import { CLOSED_NEAR_LATER, pairsOfClosedSql } from './rebound-pairs';

/**
 * The rebound look-ups read the cases of one category near one place through the indexes on
 * (category, squares, time), never the window's every case through an index on the time alone,
 * on a table like an import's first months: 8,000 cases of four categories in 60 days, analysed.
 */
describe('the rebound look-ups', () => {
  let schema: TestSchema;
  let closedIds: string[];

  beforeAll(async () => {
    schema = await openTestSchema('rebound_plans', 'projections', projectionsMigrations('projections'));
    await schema.dataSource.query(`SELECT setseed(0.42)`);
    await schema.dataSource.query(`
      INSERT INTO cases (case_id, status, category_code, grid_cell_code, lat, lng, proactive, citizen,
                         reported_at, closed_at, department_count, verification_failures, extended,
                         postponed, updated_at)
      SELECT gen_random_uuid(), 'closed', 'c' || (i % 4), 'cell-' || (i % 400),
             31.22 + random() * 0.02, 121.46 + random() * 0.02, false, true,
             reported, reported + (1 + random() * 4) * interval '1 day', 1, 0, false, false, now()
        FROM generate_series(1, 8000) i,
             LATERAL (SELECT timestamptz '2026-07-01' + random() * interval '60 days' + i * interval '0 s' AS reported) r`);
    await schema.dataSource.query('ANALYZE cases');
    closedIds = (
      await schema.dataSource.query<{ case_id: string }[]>(
        'SELECT case_id FROM cases ORDER BY case_id LIMIT 200',
      )
    ).map((row) => row.case_id);
  }, 120_000);
  afterAll(() => schema.close());

  const indexesOfPlan = async (sql: string, params: unknown[]): Promise<string[]> => {
    const [{ 'QUERY PLAN': plan }] = await schema.dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    return [...new Set(JSON.stringify(plan).match(/"Index Name":"[^"]*"/g) ?? [])].sort();
  };

  it("finds a closed case's later cases through the (category, squares, time) indexes", async () => {
    const indexes = await indexesOfPlan(
      `WITH closed AS (SELECT * FROM cases WHERE case_id = ANY ($1::uuid[])) ${pairsOfClosedSql('$2', '$3')}`,
      [closedIds, 250, 30],
    );
    expect(indexes).toContain('"Index Name":"cases_rebound_reported_at"');
    expect(indexes).not.toContain('"Index Name":"cases_reported_at"');
  });

  it("finds a new case's earlier closed cases through the (category, squares, time) indexes", async () => {
    const indexes = await indexesOfPlan(CLOSED_NEAR_LATER, [closedIds, 250, 30]);
    expect(indexes).toContain('"Index Name":"cases_rebound_closed_at"');
    expect(indexes).not.toContain('"Index Name":"cases_closed_at"');
  });
});
