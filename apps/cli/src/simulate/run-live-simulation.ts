import { readPackFile } from '@cityloop/domain';
import { addLocalDays, BusinessClock } from './business-clock';
import { buildPlan } from './district-plan';
import { LivePace } from './pace';
import { carryOut, defaultSimulationOptions, type SimulationOptions } from './run-simulation';
import { ServicesClient } from './services-client';

/** The stretch of the plan's calendar a chunk of live traffic is drawn from (a past, ordinary month). */
const CHUNK_FROM = '2026-02-02';
const CHUNK_DAYS = 28;
/** Each chunk is one real hour of traffic at the asked rate. */
const CHUNK_REAL_MS = 3_600_000;
/** Live cases spend most of their time waiting for their next step: many run at once. */
const LIVE_CONCURRENCY = 5000;

/**
 * Live traffic for the demo (`simulate --live --rate N`): the seeded district's plan, four weeks at
 * a time, played `speed` times faster than the wall clock so that `rate` cases a minute are
 * reported; every step is sent when it falls due, without a business time, so the services stamp
 * it as they would a person's action. A case's disposal days pass in minutes. Runs until stopped.
 */
export async function runLiveSimulation(
  given: Partial<SimulationOptions>,
  log: (line: string) => void,
): Promise<void> {
  const options = { ...defaultSimulationOptions(), progressEveryMs: 60_000, ...given };
  const pack = readPackFile(options.packPath);
  const client = new ServicesClient(options.urls, options.jwtSecret);
  await client.checkHealth();
  const casesPerChunk = Math.max(1, Math.round(options.rate * 60));
  const planStart = new BusinessClock(pack.calendar).at(CHUNK_FROM, 0);
  const planEnd = new BusinessClock(pack.calendar).at(addLocalDays(CHUNK_FROM, CHUNK_DAYS), 0);
  const speed = (planEnd.getTime() - planStart.getTime()) / CHUNK_REAL_MS;
  const runId = Date.now().toString(36);
  const started = Date.now();
  log(
    `live traffic: ${options.rate} cases a minute, the district's time ${speed.toFixed(0)}× the wall clock ` +
      `(a day in ${(86_400 / speed).toFixed(0)} s); Ctrl-C stops it`,
  );

  const running: Promise<unknown>[] = [];
  for (let chunk = 0; ; chunk++) {
    const plan = buildPlan(pack, {
      seed: options.seed + chunk,
      from: CHUNK_FROM,
      quarters: 0,
      until: addLocalDays(CHUNK_FROM, CHUNK_DAYS),
      cases: casesPerChunk,
      hotSpots: options.hotSpots,
      now: new Date(planEnd.getTime() + 60 * 86_400_000),
    });
    // Keys of their own: a second live run on the same database reports new cases.
    plan.cases = plan.cases.map((c) => ({ ...c, key: `live-${runId}-${chunk}-${c.n}` }));
    const realStart = new Date(started + chunk * CHUNK_REAL_MS);
    const pace = new LivePace(planStart, realStart, speed);
    running.push(
      carryOut(
        plan,
        client,
        { ...options, concurrency: LIVE_CONCURRENCY },
        (line) => log(`hour ${chunk + 1}: ${line}`),
        pace,
      ),
    );
    await pace.until(planEnd);
  }
}
