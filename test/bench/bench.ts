/**
 * npm run bench: the performance report (a script, not a test). deploy/bench.sh gives it a Postgres
 * (DATABASE_URL) and a broker (KAFKA_BROKERS); it starts the five services itself on a database and
 * topic prefix of its own, measures, and writes docs/performance/ (report.json, report.md and the
 * plots as SVG). Every figure is measured in this run, against baselines measured in this run on
 * the same Postgres and broker. BENCH_QUICK=1 shortens every step (for trying the script out).
 */
import type { ServiceName } from '@cityloop/contracts';
import { kafkaBrokers } from '@cityloop/testing';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { consumerLag } from '../support/consumer-lag';
import { LiveStream } from '../support/live-stream';
import { bearer, TestStack, type ServiceProcess } from '../support/service-processes';
import { appendRate } from './measure/append-rate';
import { bulkLoadCases } from './measure/bulk-cases';
import { kafkaBaseline } from './measure/kafka-baseline';
import { findMaximum, openLoop, type OpenLoopResult } from './measure/open-loop';
import { pgBaseline } from './measure/pg-baseline';
import { roundMs, summarize } from './measure/stats';
import { lineChart } from './measure/svg-plot';
import { postJson } from './measure/http-client';
import { asImporter, commandToken, fileReport, reportOf } from './measure/report-load';

const ROOT = join(__dirname, '..', '..', '..');
const OUT = join(ROOT, 'docs', 'performance');
const QUICK = process.env.BENCH_QUICK === '1';
const STEP_MS = QUICK ? 3_000 : 10_000;
const CONCURRENCY = 16;
// From 25 a second: on a slow host the whole stack on two cores is full before 100.
const RATES = [25, 50, 75, 100, 150, 250, 500, 750, 1000, 1500, 2000, 2500, 3000, 4000, 5000, 6000, 8000];
const SIZES = (process.env.BENCH_SIZES ?? (QUICK ? '2000,10000' : '10000,100000,1000000'))
  .split(',')
  .map(Number);
const QUERIES = [
  '/api/v1/metrics/streets?period=2026-Q3',
  '/api/v1/metrics/departments?period=2026-Q3',
  '/api/v1/evaluation/2026-Q3?live=true',
];
const SERVICES: ServiceName[] = ['intake', 'dispatch', 'disposal', 'verification', 'projections'];

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const stepLine = (what: string, s: OpenLoopResult) =>
  log(
    `${what} ${s.rate}/s: ${JSON.stringify(s.answers)}, ${s.achieved}/s achieved, p50 ${s.latency.p50} p99 ${s.latency.p99} p99.9 ${s.latency.p999} ms (send lag ${s.worstSendLagMs} ms)`,
  );

async function machine(databaseUrl: string) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ version: string }>('SELECT version()');
  await client.end();
  const pom = readFileSync(join(ROOT, 'deploy', 'kafka', 'pom.xml'), 'utf8');
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: rows[0].version.split(' on ')[0],
    kafka: pom.match(/<kafka.version>(.*)<\/kafka.version>/)?.[1],
  };
}

/** B-H: the bare Nest app in a process of its own, driven by the same generator. */
async function bareHttp(): Promise<{ steps: OpenLoopResult[]; maximum: number }> {
  const port = 3990;
  const child = spawn(process.execPath, [join(__dirname, 'measure', 'bare-http-app.js'), String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  try {
    return await findMaximum(
      RATES,
      STEP_MS,
      (n) => postJson(`http://127.0.0.1:${port}/api/v1/reports`, reportOf(n), asImporter),
      { onStep: (s) => stepLine('B-H', s) },
    );
  } finally {
    child.kill('SIGTERM');
  }
}

/** Waits until the stack's consumers have caught up (between load steps); returns how long it took. */
async function drained(stack: TestStack, limitMs = 300_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    if ((await consumerLag(stack.topicPrefix)) === 0) return Date.now() - started;
    await sleep(1000);
  }
  return NaN;
}

/** Report to command centre: 201 to the CaseReported frame on projections' live stream. */
async function reportToLive(stack: TestStack, rate: number, durationMs: number, firstN: number) {
  const answeredAt = new Map<string, number>();
  const latencies: number[] = [];
  const framed = new Map<string, number>();
  const live = await LiveStream.open(
    `${stack.service('projections').url}/api/v1/live?access_token=${commandToken}`,
    (frame) => {
      if (frame.type !== 'CaseReported') return;
      framed.set(frame.caseId as string, performance.now());
    },
  );
  const intake = stack.service('intake').url;
  const step = await openLoop(rate, durationMs, async (i) => {
    const response = await fetch(`${intake}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...asImporter },
      body: JSON.stringify(reportOf(firstN + i)),
    });
    const body = (await response.json()) as { caseId?: string };
    if (response.status === 201 && body.caseId) answeredAt.set(body.caseId, performance.now());
    return response.status;
  });
  const deadline = Date.now() + 60_000;
  while ([...answeredAt.keys()].some((id) => !framed.has(id)) && Date.now() < deadline) await sleep(100);
  await live.close();
  for (const [caseId, at] of answeredAt)
    if (framed.has(caseId)) latencies.push(Math.max(0, framed.get(caseId)! - at));
  return {
    rate,
    reports: step.ok,
    framed: latencies.length,
    latency: summarize(latencies),
    post: step.latency,
  };
}

/** Runs the CLI as users do (deploy/cli.sh) with `env` added; resolves with the JSON of its last line. */
async function cli(args: string[], env: Record<string, string>): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)('bash', [join(ROOT, 'deploy', 'cli.sh'), ...args], {
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

/**
 * Rewrites one case of 2026-Q3 as the projection does on an event (the same row, so no figure
 * moves): its triggers mark the case's days, and the kept tables of the quarter no longer hold.
 */
async function changeACaseOfQ3(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `UPDATE projections.cases SET updated_at = updated_at
        WHERE case_id = (SELECT case_id FROM projections.cases
                          WHERE reported_at >= '2026-07-01T00:00:00+08:00' AND reported_at < '2026-10-01T00:00:00+08:00'
                          ORDER BY random() LIMIT 1)`,
    );
  } finally {
    await client.end();
  }
}

/**
 * Each metric query asked of projections: once first (computed), 200 times (or for 20 s, when one
 * takes long) as kept, 5 times right after a change to one case of the quarter (computed again),
 * and 5 times so again as the command centre asks, accepting a minute's age (served as kept and
 * computed again behind; asked at the page's pace, 5 s apart).
 */
async function timeQueries(projections: ServiceProcess, databaseUrl: string) {
  const queries: Record<string, unknown> = {};
  for (const path of QUERIES) {
    const timed = async (headers: Record<string, string> = {}) => {
      const t = performance.now();
      const { status } = await projections.get(path, headers);
      if (status !== 200) throw new Error(`GET ${path}: ${status}`);
      return performance.now() - t;
    };
    await changeACaseOfQ3(databaseUrl); // so that the first asking computes, whatever was kept
    const first = await timed();
    for (let i = 0; i < 4; i++) await timed(); // warm
    const latencies: number[] = [];
    const until = performance.now() + 20_000;
    for (let i = 0; i < 200 && performance.now() < until; i++) latencies.push(await timed());
    const afterChange: number[] = [];
    for (let i = 0; i < 5; i++) {
      await changeACaseOfQ3(databaseUrl);
      afterChange.push(await timed());
    }
    const afterChangeAged: number[] = [];
    for (let i = 0; i < 5; i++) {
      await changeACaseOfQ3(databaseUrl);
      afterChangeAged.push(await timed({ 'cache-control': 'max-age=60' }));
      await sleep(5_000);
    }
    queries[path] = {
      ...summarize(latencies),
      firstMs: roundMs(first),
      afterChange: summarize(afterChange),
      afterChangeAged: summarize(afterChangeAged),
    };
  }
  return queries;
}

/**
 * BENCH_TABLES_ON=<database URL>: the metric queries (timeQueries) on a database already loaded
 * and rebuilt, kept as it is: for sizes whose load and rebuild do not fit one sitting.
 */
async function tablesOn(databaseUrl: string) {
  const stack = await TestStack.create(
    'bench-tables',
    ['projections'],
    { LOG_LEVEL: 'warn' },
    {
      existingDatabase: databaseUrl,
    },
  );
  try {
    await stack.start();
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ cases: number }>(
      'SELECT count(*)::int AS cases FROM projections.cases',
    );
    await client.end();
    const row = {
      cases: rows[0].cases,
      queries: await timeQueries(stack.service('projections').actAs(bearer('evaluator')), databaseUrl),
    };
    log(JSON.stringify(row));
    return row;
  } finally {
    await stack.stop();
  }
}

/**
 * Cost against size: cases loaded by the bulk path up to each size, the read models rebuilt by
 * the rebuild command (events a second), and each metric query timed (timeQueries).
 */
async function againstSize() {
  const stack = await TestStack.create('bench-size', ['projections'], { LOG_LEVEL: 'warn' });
  const projections = stack.service('projections').actAs(bearer('evaluator'));
  const results = [];
  let loaded = 0;
  try {
    for (const size of SIZES) {
      const t0 = performance.now();
      await bulkLoadCases(stack.db.url, loaded, size);
      const loadSeconds = (performance.now() - t0) / 1000;
      loaded = size;
      await projections.kill('SIGTERM');
      const rebuild = await cli(['rebuild'], {
        DATABASE_URL: stack.db.url,
        KAFKA_TOPIC_PREFIX: stack.topicPrefix,
      });
      await projections.start();
      const queries = await timeQueries(projections, stack.db.url);
      const row = {
        cases: size,
        loadSeconds: Math.round(loadSeconds),
        rebuild: {
          events: rebuild.events,
          seconds: rebuild.seconds,
          eventsPerSecond: rebuild.eventsPerSecond,
          steps: rebuild.steps,
        },
        queries,
      };
      log(JSON.stringify(row));
      results.push(row);
    }
  } finally {
    await stack.stop();
  }
  return results;
}

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL!;
  const report: Record<string, unknown> = { startedAt: new Date().toISOString(), quick: QUICK };
  report.machine = await machine(server);
  log(`machine: ${JSON.stringify(report.machine)}`);
  if (process.env.BENCH_TABLES_ON) {
    report.tablesOn = await tablesOn(process.env.BENCH_TABLES_ON);
    writeFileSync(join(OUT, 'metric-tables-on-existing.json'), `${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  if (process.env.BENCH_ONLY !== 'size') await throughput(report);
  log(`cost against size: ${SIZES.join(', ')} cases`);
  report.againstSize = await againstSize();
  report.finishedAt = new Date().toISOString();
  write(report);
}

/** The baselines, the append, durable intake and report-to-command-centre, on a stack of their own. */
async function throughput(report: Record<string, unknown>): Promise<void> {
  const stack = await TestStack.create('bench', SERVICES, {
    LOG_LEVEL: 'info',
    DB_POOL_SIZE: '5',
    DUPLICATE_RADIUS_METRES: '25',
    RATE_LIMIT_IMPORTER_PER_MINUTE: '10000000',
  });
  try {
    // Baselines first, on the stack's own database and broker, before the services add load.
    log('B-PG: raw INSERTs');
    report.pgBaseline = await pgBaseline(stack.db.url, CONCURRENCY, STEP_MS);
    log(JSON.stringify(report.pgBaseline));
    log('event-store append');
    report.append = {
      concurrency: CONCURRENCY,
      ...(await appendRate(stack.db.url, CONCURRENCY, STEP_MS)),
    };
    log(JSON.stringify(report.append));
    log('B-K: kafkajs sendBatch into eachBatch');
    report.kafkaBaseline = await kafkaBaseline(
      kafkaBrokers(),
      stack.topicPrefix,
      QUICK ? 50_000 : 300_000,
      6,
      700,
    );
    log(JSON.stringify(report.kafkaBaseline));
    log('B-H: a bare Nest POST');
    report.httpBaseline = await bareHttp();

    await stack.start();
    // Warm-up, not recorded: connections opened, code compiled, caches filled.
    let n = 0;
    const warm = await openLoop(50, 5_000, (i) => fileReport(stack.service('intake').url, i));
    n += warm.scheduled;
    stepLine('warm-up', warm);
    await drained(stack);
    log('durable intake: open-loop steps');
    const steps: OpenLoopResult[] = [];
    const drains: number[] = [];
    let maximum = 0;
    for (const rate of RATES) {
      const base = n;
      const step = await openLoop(rate, STEP_MS, (i) => fileReport(stack.service('intake').url, base + i));
      n += step.scheduled;
      steps.push(step);
      stepLine('intake', step);
      drains.push(await drained(stack));
      log(`  consumers caught up in ${drains.at(-1)} ms`);
      if (step.failed > 0 || step.achieved < 0.95 * rate || step.latency.p99 > 1000) break;
      maximum = rate;
    }
    const half = Math.max(25, Math.round(maximum / 2));
    const atHalf = await openLoop(half, STEP_MS * 2, (i) => fileReport(stack.service('intake').url, n + i));
    n += atHalf.scheduled;
    stepLine('intake at half the maximum', atHalf);
    report.intake = { steps, drainMs: drains, maximum, atHalf };
    await drained(stack);

    log(`report to command centre at ${half}/s`);
    report.live = await reportToLive(stack, half, STEP_MS * 2, n);
    log(JSON.stringify(report.live));
  } finally {
    await stack.stop();
  }
}

function write(report: Record<string, unknown>): void {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const intake = report.intake as { steps: OpenLoopResult[] } | undefined;
  const bare = report.httpBaseline as { steps: OpenLoopResult[] } | undefined;
  const series = (name: string, steps: OpenLoopResult[], key: 'p50' | 'p99' | 'p999') => ({
    name,
    points: steps.map((s) => [s.rate, s.latency[key]] as [number, number]),
  });
  if (intake && bare)
    writeFileSync(
      join(OUT, 'latency-against-load.svg'),
      lineChart(
        'Durable intake: latency against offered load',
        'reports a second (offered, open loop)',
        'latency from the scheduled instant (ms)',
        [
          series('intake p50', intake.steps, 'p50'),
          series('intake p99', intake.steps, 'p99'),
          series('intake p99.9', intake.steps, 'p999'),
          series('bare Nest p99', bare.steps, 'p99'),
        ],
        { logY: true },
      ),
    );
  const sized = report.againstSize as {
    cases: number;
    rebuild: { eventsPerSecond: number };
    queries: Record<string, { p99: number; afterChange: { p50: number }; afterChangeAged?: { p50: number } }>;
  }[];
  writeFileSync(
    join(OUT, 'cost-against-size.svg'),
    lineChart(
      'Metric queries against cases loaded: kept (p99) and computed after a change (p50)',
      'cases loaded',
      'latency (ms)',
      QUERIES.flatMap((path) => {
        const name = path.split('/').slice(3).join('/').split('?')[0];
        return [
          {
            name: `${name} kept p99`,
            points: sized.map((r) => [r.cases, r.queries[path].p99] as [number, number]),
          },
          {
            name: `${name} after a change p50`,
            points: sized.map((r) => [r.cases, r.queries[path].afterChange.p50] as [number, number]),
          },
          {
            name: `${name} after a change, a minute's age accepted, p50`,
            points: sized
              .filter((r) => r.queries[path].afterChangeAged)
              .map((r) => [r.cases, r.queries[path].afterChangeAged!.p50] as [number, number]),
          },
        ];
      }),
      { logX: true, logY: true },
    ),
  );
  log(`wrote ${OUT}/report.json and the plots`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
