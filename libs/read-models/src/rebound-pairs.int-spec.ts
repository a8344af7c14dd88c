import { openTestSchema, type TestSchema } from '@cityloop/testing';
import { projectionsMigrations } from './migrations';
import { CLOSED_NEAR_LATER, firstOfClosedSql, pairsOfClosedSql } from './rebound-pairs';

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

  it("finds a closed case's later cases through the (category, squares, time) and (category, cell, time) indexes", async () => {
    const indexes = await indexesOfPlan(
      `WITH closed AS (SELECT * FROM cases WHERE case_id = ANY ($1::uuid[])) ${pairsOfClosedSql('$2', '$3')}`,
      [closedIds, 250, 30],
    );
    expect(indexes).toContain('"Index Name":"cases_rebound_reported_at"');
    expect(indexes).toContain('"Index Name":"cases_rebound_cell_reported_at"');
    expect(indexes).not.toContain('"Index Name":"cases_reported_at"');
  });

  it("finds a closed case's first rebound by scans in time order that stop at the first", async () => {
    const [
      {
        'QUERY PLAN': [plan],
      },
    ] = await schema.dataSource.query(
      `EXPLAIN (ANALYZE, FORMAT JSON)
       WITH closed AS (SELECT * FROM cases WHERE case_id = ANY ($1::uuid[])) ${firstOfClosedSql('$2', '$3')}`,
      [closedIds, 250, 30],
    );
    const scans: { 'Index Name': string; 'Actual Loops': number; 'Actual Rows': number }[] = [];
    const visit = (node: Record<string, unknown>) => {
      if (node['Index Name']) scans.push(node as never);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child);
    };
    visit(plan.Plan);
    const of = (index: string) => scans.filter((s) => s['Index Name'] === index);
    const loops = (index: string) => of(index).reduce((n, s) => n + s['Actual Loops'], 0);
    // The closed cases with no case of their relation reported in the window: only theirs look
    // at onsets.
    const [{ unmatched }] = await schema.dataSource.query<{ unmatched: number }[]>(
      `WITH closed AS (SELECT * FROM cases WHERE case_id = ANY ($1::uuid[])), pairs AS (${pairsOfClosedSql('$2', '$3')})
       SELECT count(*)::int AS unmatched FROM closed a
        WHERE NOT EXISTS (SELECT 1 FROM pairs p WHERE p.a_id = a.case_id
                             AND p.b_reported_at <= a.closed_at + interval '30 days')`,
      [closedIds, 250, 30],
    );
    expect(unmatched).toBeLessThan(closedIds.length / 4);
    expect(loops('cases_rebound_cell_reported_at')).toBe(closedIds.length);
    expect(loops('cases_rebound_cell_caller_onset_at')).toBe(unmatched);
    // One scan a square, each giving at most its first case.
    expect(loops('cases_rebound_reported_at')).toBeGreaterThan(closedIds.length * 9);
    for (const scan of of('cases_rebound_reported_at')) expect(scan['Actual Rows']).toBeLessThanOrEqual(1);
    expect(scans.map((s) => s['Index Name'])).not.toContain('cases_reported_at');
  });

  it("finds a new case's earlier closed cases through the (category, squares, time) indexes", async () => {
    const indexes = await indexesOfPlan(CLOSED_NEAR_LATER, [closedIds, 250, 30]);
    expect(indexes).toContain('"Index Name":"cases_rebound_closed_at"');
    expect(indexes).toContain('"Index Name":"cases_rebound_cell_closed_at"');
    expect(indexes).not.toContain('"Index Name":"cases_closed_at"');
  });
});
