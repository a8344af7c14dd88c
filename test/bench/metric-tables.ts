/**
 * The metric tables timed in process (no HTTP) on a projections database already loaded, for sizes
 * the full benchmark cannot rebuild in one sitting:
 *   npm run -s bench:tables -- <database-url> [quarter=2026-Q3]
 * Each of the street table, the department table and the quarter's evaluation is asked once first,
 * 200 times as kept, and 5 times right after one case of the quarter is rewritten as the
 * projection does (computed again). Prints one JSON object.
 */
import { namedPeriod } from '@cityloop/domain';
import { demoPackPath, DistrictReference } from '@cityloop/service-kit';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { EvaluationBuilder } from '../../apps/projections/src/evaluation/evaluation-builder';
import { EvaluationRecords } from '../../apps/projections/src/evaluation/evaluation-records';
import { MetricSummaries } from '../../apps/projections/src/metrics/metric-summaries';
import { MetricsReadModel } from '../../apps/projections/src/metrics/metrics-read-model';
import { roundMs, summarize } from './measure/stats';

async function main(): Promise<void> {
  const [url, quarter = '2026-Q3'] = process.argv.slice(2);
  if (!url) throw new Error('usage: npm run -s bench:tables -- <database-url> [quarter]');
  const db = await new DataSource({
    type: 'postgres',
    url,
    extra: { options: '-c search_path=projections' },
  }).initialize();
  try {
    const district = DistrictReference.load(demoPackPath());
    const metrics = new MetricsReadModel(db, district, new MetricSummaries(db));
    const evaluation = new EvaluationBuilder(metrics, new EvaluationRecords(db), district);
    const period = namedPeriod(quarter, metrics.timeZone);
    const [{ cases, in_quarter: inQuarter }] = await db.query<{ cases: number; in_quarter: number }[]>(
      `SELECT count(*)::int AS cases,
              count(*) FILTER (WHERE reported_at >= $1 AND reported_at < $2)::int AS in_quarter FROM cases`,
      [period.start, period.end],
    );
    const changeACase = () =>
      db.query(
        `UPDATE cases SET updated_at = updated_at WHERE case_id = (
           SELECT case_id FROM cases WHERE reported_at >= $1 AND reported_at < $2 ORDER BY random() LIMIT 1)`,
        [period.start, period.end],
      );
    const asks: [string, () => Promise<unknown>][] = [
      ['streets', async () => metrics.table('street', { period, categoryCode: null }, await metrics.asOf())],
      [
        'departments',
        async () => metrics.table('department', { period, categoryCode: null }, await metrics.asOf()),
      ],
      ['evaluation', () => evaluation.build(quarter)],
    ];
    const report: Record<string, unknown> = { cases, quarter, reportedInQuarter: inQuarter };
    for (const [name, ask] of asks) {
      const timed = async () => {
        const t = performance.now();
        await ask();
        return performance.now() - t;
      };
      await changeACase(); // so that the first asking computes
      const firstMs = roundMs(await timed());
      for (let i = 0; i < 4; i++) await timed();
      const kept: number[] = [];
      for (let i = 0; i < 200; i++) kept.push(await timed());
      const afterChange: number[] = [];
      for (let i = 0; i < 5; i++) {
        await changeACase();
        afterChange.push(await timed());
      }
      report[name] = { firstMs, kept: summarize(kept), afterChange: summarize(afterChange) };
      process.stderr.write(`${name}: ${JSON.stringify(report[name])}\n`);
    }
    console.log(JSON.stringify(report));
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
