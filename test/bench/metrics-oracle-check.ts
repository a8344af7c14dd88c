/**
 * Checks the running stack's metric tables against the oracle and reports figures:
 *   npm run -s metrics:check -- [firstQuarter=2026-Q2] [quarters=2]
 * After `npm run -s simulate`, it compares every figure per street and per department for each
 * quarter (test/support/oracle-comparison.ts), times the metric and evaluation routes, and prints
 * the evaluation's ranks. Exits non-zero when any figure differs. DATABASE_URL (default the
 * stack's cityloop database) and PROJECTIONS_URL (default localhost:3000) say where.
 */
import { demoPackPath, DEVELOPMENT_JWT_SECRET, DistrictReference, Tokens } from '@cityloop/service-kit';
import { Pool } from 'pg';
import { compareWithOracle, quartersFrom, whenSettled, type Item } from '../support/oracle-comparison';

const [first = '2026-Q2', count = '2'] = process.argv.slice(2);
const base = process.env.PROJECTIONS_URL ?? 'http://127.0.0.1:3000';
const tokens = new Tokens(process.env.JWT_SECRET || DEVELOPMENT_JWT_SECRET);
const headers = { authorization: `Bearer ${tokens.sign({ id: 'metrics-check', role: 'evaluator' })}` };

async function get(
  path: string,
): Promise<{ status: number; body: { asOf: string; items: Item[] } & Item; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { headers });
  const body = (await response.json()) as { asOf: string; items: Item[] };
  return { status: response.status, body, ms: performance.now() - started };
}

async function main(): Promise<void> {
  const db = new Pool({
    connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cityloop',
    max: 4,
  });
  try {
    const district = DistrictReference.load(process.env.DISTRICT_PACK || demoPackPath());
    const quarters = quartersFrom(first, Number(count));
    await whenSettled(db, 300_000);
    const [{ cases }] = (
      await db.query<{ cases: number }>('SELECT count(*)::int AS cases FROM projections.cases')
    ).rows;
    const started = performance.now();
    const comparison = await compareWithOracle(db, get, quarters, district.pack.district.timeZone);
    const compareSeconds = (performance.now() - started) / 1000;
    const timings: Record<string, number> = {};
    for (const route of ['metrics/streets', 'metrics/departments'])
      timings[route] = Math.round((await get(`/api/v1/${route}?period=${quarters.at(-1)!.name}`)).ms);
    const evaluation = await get(`/api/v1/evaluation/${quarters.at(-1)!.name}?live=true`);
    timings.evaluation = Math.round(evaluation.ms);
    const ranks = (items: Item[]) =>
      items.map(
        (i) =>
          `${i.rank ?? '-'} ${i.name} ${i.percentage?.toFixed(1) ?? '-'}% ${i.grade ?? '-'} (${i.rankChange ?? 'new'})`,
      );
    process.stderr.write(
      [
        `evaluation ${quarters.at(-1)!.name}, streets (rank, %, grade, change):`,
        ...ranks(evaluation.body.streets as Item[]).map((l) => `  ${l}`),
        'departments:',
        ...ranks(evaluation.body.departments as Item[]).map((l) => `  ${l}`),
        ...comparison.mismatches.slice(0, 50).map((m) => `MISMATCH ${m}`),
      ].join('\n') + '\n',
    );
    process.stdout.write(
      `${JSON.stringify({
        cases,
        quarters: quarters.map((q) => q.name),
        compared: comparison.compared,
        mismatches: comparison.mismatches.length,
        totals: comparison.totals,
        compareSeconds,
        routeMs: timings,
      })}\n`,
    );
    if (comparison.mismatches.length > 0) process.exitCode = 1;
  } finally {
    await db.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
