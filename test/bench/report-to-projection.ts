/**
 * Benchmark (a script, not a test): how long from intake's 201 to the case being readable on
 * projections' GET /api/v1/cases/{id}. Needs a running stack (npm run stack:up).
 *   node dist/test/bench/report-to-projection.js [count=200] [ratePerSecond=20]
 * Reports are sent open-loop at a fixed rate. One watcher reads the newest cases from projections
 * every 5 ms and notes when each case first appears, so the measuring adds one light query per
 * 5 ms rather than a poll per report. Resolution: about 5 ms plus the query's own time.
 */
import { demoPackPath, DEVELOPMENT_JWT_SECRET, DistrictReference, Tokens } from '@cityloop/service-kit';

// Reports spread over the demo district's cells and categories, so duplicate detection (same
// category within 250 m) rarely folds two into one case; those it does fold are counted apart.
const district = DistrictReference.load(process.env.DISTRICT_PACK || demoPackPath());
const cells = district.pack.cells;
const categories = district.pack.categories;
// A different spread each run: a rerun against the same database does not land on its own open cases.
const offset = Number(process.env.BENCH_OFFSET ?? Math.floor(Math.random() * 1_000_000));

const tokens = new Tokens(process.env.JWT_SECRET || DEVELOPMENT_JWT_SECRET);
const asImporter = { authorization: `Bearer ${tokens.sign({ id: 'bench', role: 'importer' })}` };
const asCommand = { authorization: `Bearer ${tokens.sign({ id: 'bench', role: 'command' })}` };
const intake = process.env.INTAKE_URL ?? 'http://127.0.0.1:3001';
const projections = process.env.PROJECTIONS_URL ?? 'http://127.0.0.1:3000';
const count = Number(process.argv[2] ?? 200);
const rate = Number(process.argv[3] ?? 20);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number): number => {
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  return sorted[low] + (sorted[Math.ceil(rank)] - sorted[low]) * (rank - low);
};

const created = new Map<string, number>();
const seen = new Map<string, number>();
let watching = true;

async function watch(): Promise<void> {
  while (watching) {
    const response = await fetch(`${projections}/api/v1/cases?limit=100`, { headers: asCommand });
    const { items } = (await response.json()) as { items: { caseId: string }[] };
    const now = performance.now();
    for (const { caseId } of items) if (!seen.has(caseId)) seen.set(caseId, now);
    await sleep(5);
  }
}

async function one(i: number): Promise<{ post: number; visible: number }> {
  const n = i + offset;
  const started = performance.now();
  const response = await fetch(`${intake}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...asImporter },
    body: JSON.stringify({
      source: 'hotline',
      categoryCode: categories[n % categories.length].code,
      location: {
        lat: cells[(n * 7919) % cells.length].centroid[1],
        lng: cells[(n * 7919) % cells.length].centroid[0],
      },
      description: `bench ${i}`,
    }),
  });
  const answered = performance.now();
  if (response.status !== 201) throw new Error(`POST answered ${response.status}: ${await response.text()}`);
  const { caseId, duplicate } = (await response.json()) as { caseId: string; duplicate: boolean };
  if (duplicate) return { post: answered - started, visible: Number.NaN };
  created.set(caseId, answered);
  while (!seen.has(caseId)) {
    if (performance.now() - answered > 30_000) throw new Error(`case ${caseId} not visible after 30 s`);
    await sleep(5);
  }
  // A case seen before its 201 was read counts as 0: it was visible when the answer came.
  return { post: answered - started, visible: Math.max(0, seen.get(caseId)! - answered) };
}

async function main(): Promise<void> {
  const runs: Promise<{ post: number; visible: number }>[] = [];
  const watcher = watch();
  const t0 = performance.now();
  for (let n = 0; n < count; n++) {
    const due = t0 + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    runs.push(one(n));
  }
  const results = await Promise.all(runs);
  watching = false;
  await watcher;
  const stats = (values: number[]) => {
    const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    if (sorted.length === 0) return null;
    return {
      p50: +percentile(sorted, 50).toFixed(1),
      p90: +percentile(sorted, 90).toFixed(1),
      p99: +percentile(sorted, 99).toFixed(1),
      max: +sorted[sorted.length - 1].toFixed(1),
    };
  };
  console.log(
    JSON.stringify(
      {
        reports: count,
        attachedAsDuplicates: results.filter((r) => Number.isNaN(r.visible)).length,
        ratePerSecond: rate,
        postMs: stats(results.map((r) => r.post)),
        postToProjectionMs: stats(results.map((r) => r.visible)),
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
