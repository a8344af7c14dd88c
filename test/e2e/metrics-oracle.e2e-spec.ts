import { readModelChecksums } from '@cityloop/read-models';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { CLI, lastJsonLine, simulate } from '../support/simulator';
import { compareWithOracle, quartersFrom, whenSettled, type Item } from '../support/oracle-comparison';
import { bearer, demoDistrict, TestStack } from '../support/service-processes';

/**
 * After a seeded simulated run through the five services, the projections' metric tables agree
 * with the oracle (plain SQL over the four event stores) on every compared figure, per street and
 * per department, per quarter; the quarter's evaluation ranks with changes; and a rebuild gives
 * the same tables, checksum for checksum.
 */
const QUARTERS = quartersFrom('2026-Q2', 2);

let stack: TestStack;
let db: Pool;
let projections: DataSource;

beforeAll(async () => {
  stack = await TestStack.create('oracle', ['intake', 'dispatch', 'disposal', 'verification', 'projections']);
  await stack.start();
  stack.service('projections').actAs(bearer('evaluator'));
  db = new Pool({ connectionString: stack.db.url, max: 4 });
  projections = await new DataSource({
    type: 'postgres',
    url: stack.db.url,
    poolSize: 2,
    extra: { options: '-c search_path=projections' },
  }).initialize();
}, 180_000);

afterAll(async () => {
  await projections?.destroy();
  await db?.end();
  await stack?.stop();
}, 60_000);

describe('the metrics against the oracle after a simulated run', () => {
  let tables: Record<string, Item[]>;

  it('runs the simulator and agrees with the oracle on every compared figure, per quarter', async () => {
    // The simulator as a user runs it (npm run simulate), against this stack's services.
    const summary = await simulate(stack, 160, 5);
    expect(summary.errors).toEqual([]);
    expect(summary.byOutcome.closed).toBeGreaterThan(100);
    await whenSettled(db, 180_000);

    const comparison = await compareWithOracle(
      db,
      (path) => stack.service('projections').get(path),
      QUARTERS,
      demoDistrict().pack.district.timeZone,
    );
    tables = comparison.tables;
    const { mismatches, totals } = comparison;
    expect(mismatches).toEqual([]);
    // The comparison covered real figures, not empty tables.
    expect(totals.due).toBeGreaterThan(100);
    expect(totals.onset).toBeGreaterThan(50);
    expect(totals.rebounded).toBeGreaterThan(0);
    expect(totals.rework).toBeGreaterThan(0);
    expect(totals.wrongDispatch).toBeGreaterThan(0);
    expect(comparison.compared).toBeGreaterThan(1000);
  });

  it("gives the quarter's evaluation with ranks and their change against the previous quarter", async () => {
    const evaluation = await stack.service('projections').get<{
      status: string;
      streets: {
        id: string;
        rank: number | null;
        previousRank: number | null;
        rankChange: number | null;
        grade: string;
      }[];
      departments: { id: string; rank: number | null }[];
    }>('/api/v1/evaluation/2026-Q3');
    expect(evaluation.status).toBe(200);
    expect(evaluation.body.status).toBe('live');
    expect(evaluation.body.streets).toHaveLength(6);
    const ranked = evaluation.body.streets.filter((s) => s.rank !== null && s.previousRank !== null);
    expect(ranked.length).toBeGreaterThan(3);
    for (const s of ranked) expect(s.rankChange).toBe(s.previousRank! - s.rank!);
    expect(evaluation.body.departments.some((d) => d.rank === 1)).toBe(true);
  });

  it('lists the cases behind a figure, exports CSV, and refuses a bad period with a stable code', async () => {
    const projections = stack.service('projections');
    const street = tables['2026-Q3/streets'].find((s) => s.rates.onTimeDisposal.denominator > 0)!;
    const behind = await projections.get<{ items: { caseId: string; counted: boolean }[] }>(
      `/api/v1/metrics/cases?figure=rates.onTimeDisposal&streetId=${street.streetId}&period=2026-Q3`,
    );
    expect(behind.status).toBe(200);
    expect(behind.body.items).toHaveLength(street.rates.onTimeDisposal.denominator);
    expect(behind.body.items.filter((c) => c.counted)).toHaveLength(street.rates.onTimeDisposal.numerator);

    const csv = await fetch(`${projections.url}/api/v1/metrics/departments?period=2026-Q3&format=csv`, {
      headers: bearer('evaluator'),
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    // A byte-order mark first, so that spreadsheet software reads UTF-8 (the Chinese names).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0].startsWith('departmentId,name,')).toBe(true);
    expect(lines[0]).toContain('rates.onTimeDisposal.rate');
    expect(lines.filter((l) => l.length > 0)).toHaveLength(1 + tables['2026-Q3/departments'].length);

    const bad = await projections.get<{ code: string; details: { field: string }[] }>(
      '/api/v1/metrics/streets?from=2026-09-30&to=2026-07-01',
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'PERIOD.INVALID', details: [{ field: 'to' }] });
    const missing = await projections.get<{ code: string }>('/api/v1/metrics/streets');
    expect(missing).toMatchObject({ status: 400, body: { code: 'PERIOD.REQUIRED' } });
    const unknown = await projections.get<{ code: string }>(
      '/api/v1/metrics/streets?period=2026-Q3&categoryCode=9999',
    );
    expect(unknown).toMatchObject({ status: 422, body: { code: 'CATEGORY.UNKNOWN' } });
    const forbidden = await projections.get('/api/v1/metrics/streets?period=2026-Q3', bearer('operator'));
    expect(forbidden.status).toBe(403);
  });

  it('serves a table to a reader who accepts some age, and refuses a malformed age with a stable code', async () => {
    const projections = stack.service('projections');
    // Nothing changed since the tables above: the kept table holds, for any reader.
    const aged = await projections.get<{ asOf: string; computedAt: string; items: unknown[] }>(
      '/api/v1/metrics/streets?period=2026-Q3',
      { 'cache-control': 'max-age=60' },
    );
    expect(aged.status).toBe(200);
    expect(aged.body.items).toEqual(tables['2026-Q3/streets']);
    expect(Date.parse(aged.body.computedAt)).not.toBeNaN();
    const evaluation = await projections.get('/api/v1/evaluation/2026-Q3?live=true', {
      'cache-control': 'max-age=60',
    });
    expect(evaluation.status).toBe(200);

    for (const path of [
      '/api/v1/metrics/departments?period=2026-Q3',
      '/api/v1/evaluation/2026-Q3?live=true',
    ]) {
      const malformed = await projections.get<{ code: string }>(path, { 'cache-control': 'max-age=soon' });
      expect(malformed).toMatchObject({
        status: 400,
        body: { code: 'REQUEST.INVALID', details: [{ field: 'Cache-Control' }] },
      });
    }
  });

  it('rebuilds the read models from the event stores to the same tables, checksum for checksum', async () => {
    const before = await readModelChecksums(projections);
    // The rebuild sets the tables' indexes aside while it writes them: all are back after it.
    const indexes = () =>
      projections.query(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'projections' ORDER BY indexname",
      );
    const indexesBefore = await indexes();
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, 'rebuild'], {
      env: { ...process.env, DATABASE_URL: stack.db.url, LOG_LEVEL: 'warn' },
    });
    const result = lastJsonLine(stdout) as { events: number; checksums: Record<string, string> };
    expect(stderr).toContain('100%');
    expect(result.events).toBeGreaterThan(1000);
    expect(result.checksums).toEqual(before);
    expect(await readModelChecksums(projections)).toEqual(before);
    expect(await indexes()).toEqual(indexesBefore);
    expect(await projections.query('SELECT * FROM projections.rebuild_set_aside_indexes')).toEqual([]);
    for (const quarter of QUARTERS) {
      const again = await stack
        .service('projections')
        .get<{ items: unknown[] }>(`/api/v1/metrics/streets?period=${quarter.name}`);
      expect(again.body.items).toEqual(tables[`${quarter.name}/streets`]);
    }
  });
});
