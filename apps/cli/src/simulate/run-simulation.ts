import { readPackFile } from '@cityloop/domain';
import { demoPackPath } from '@cityloop/service-kit';
import { addLocalDays } from './business-clock';
import { CaseRunner } from './case-runner';
import { replay, type Pace } from './pace';
import { buildPlan, type CasePlan, type DistrictPlan, type PatrolPass } from './district-plan';
import { planMix, type PlanMix } from './plan-mix';
import { serviceUrlsFrom, ServicesClient, type ServiceUrls } from './services-client';
import { Slots } from './slots';

/**
 * Options of a simulation run; every one may be left out (the command's flag in brackets).
 *
 * - seed [--seed N], default 1: the same seed gives the same plan (cases, places, business times,
 *   fates) and, on a fresh database, the same case ids (Idempotency-Key sim-<seed>-<n>), hence the
 *   same metrics. A second run of a seed on the same database finds its reports already made.
 * - from [--from YYYY-MM-DD], default 2026-04-01: the period's first local date.
 * - quarters [--quarters N], default 2: the period's length; it must lie in the past.
 * - to [--to YYYY-MM-DD], instead of quarters: the period's last local date (e.g. yesterday).
 * - live [--live], with rate [--rate N] (cases a minute, default 30): live traffic instead of a
 *   backfill, until the process is stopped (runLiveSimulation).
 * - cases [--cases N], default 10000: cases in all, hot spots' included.
 * - hotSpots [--hot-spots N], default min(15, ceil(cases / 200)): spots where a problem rebounds.
 * - concurrency [--concurrency N], default 24: cases carried through the loop at once.
 * - dryRun [--dry-run]: build the plan and report its mix; no request is sent.
 * - urls: the services, default from INTAKE_URL, DISPATCH_URL, DISPOSAL_URL, VERIFICATION_URL,
 *   else 127.0.0.1:3001-3004.
 * - jwtSecret: default JWT_SECRET, else the development secret (as `npm run token`).
 * - packPath: the district pack the services run with; default DISTRICT_PACK, else the demo district.
 * - waitTimeoutMs, default 120000: how long to wait for an asynchronous effect before a case fails.
 * - maxFailures, default 50: past this many failed cases no new case is started.
 * - progressEveryMs, default 5000: how often progress goes to the log.
 * - now: the wall clock (business times never lie after it); for tests.
 */
export interface SimulationOptions {
  seed: number;
  from: string;
  quarters: number;
  to?: string;
  cases: number;
  hotSpots?: number;
  live: boolean;
  rate: number;
  concurrency: number;
  dryRun: boolean;
  urls: ServiceUrls;
  jwtSecret?: string;
  packPath: string;
  waitTimeoutMs: number;
  maxFailures: number;
  progressEveryMs: number;
  now: Date;
}

export interface SimulationSummary {
  seed: number;
  from: string;
  to: string;
  cases: number;
  requests: number;
  seconds: number;
  casesPerSecond: number;
  requestsPerSecond: number;
  /** How the cases ended: closed, rejected, open (still running at the horizon), failed, notStarted. */
  byOutcome: Record<string, number>;
  /** The steps taken, by kind and verdict. */
  steps: Record<string, number>;
  patrolPasses: number;
  retries: number;
  /** The plan's own mix, to compare with what ran. */
  planned: PlanMix;
  /** The first failures, with the call and the service's answer. */
  errors: string[];
  aborted?: boolean;
}

export function defaultSimulationOptions(env: NodeJS.ProcessEnv = process.env): SimulationOptions {
  return {
    seed: 1,
    from: '2026-04-01',
    quarters: 2,
    cases: 10_000,
    live: false,
    rate: 30,
    concurrency: 24,
    dryRun: false,
    urls: serviceUrlsFrom(env),
    jwtSecret: env.JWT_SECRET,
    packPath: env.DISTRICT_PACK || demoPackPath(),
    waitTimeoutMs: 120_000,
    maxFailures: 50,
    progressEveryMs: 5000,
    now: new Date(),
  };
}

const KEPT_ERRORS = 10;

/**
 * Drives a district through the real services' APIs: builds the seeded plan, then posts the
 * patrollers' passes and carries the cases through the loop in business-time order, many cases at
 * once, as the importer. Progress goes to `log`; the summary is returned.
 */
export async function runSimulation(
  given: Partial<SimulationOptions> = {},
  log: (line: string) => void = () => undefined,
): Promise<SimulationSummary> {
  const options = { ...defaultSimulationOptions(), ...given };
  const pack = readPackFile(options.packPath);
  const plan = buildPlan(pack, { ...options, ...(options.to && { until: addLocalDays(options.to, 1) }) });
  const planned = planMix(plan.cases);
  log(
    `plan for seed ${plan.seed}: ${plan.cases.length} cases and ${plan.passes.length} patrol passes, ` +
      `${plan.from} .. ${addLocalDays(plan.until, -1)}, steps up to ${plan.horizon.toISOString()}; ` +
      `planned ${JSON.stringify(planned.byOutcome)}`,
  );
  const client = new ServicesClient(options.urls, options.jwtSecret);
  if (!options.dryRun) await client.checkHealth();
  const run = options.dryRun
    ? { byOutcome: { notStarted: plan.cases.length }, steps: {}, errors: [], aborted: false, seconds: 0 }
    : await carryOut(plan, client, options, log, replay);
  const seconds = Math.max(run.seconds, 0.001);
  const finished = plan.cases.length - (run.byOutcome.notStarted ?? 0);
  return {
    seed: plan.seed,
    from: plan.from,
    to: addLocalDays(plan.until, -1),
    cases: plan.cases.length,
    requests: client.requests,
    seconds: round(run.seconds, 1),
    casesPerSecond: options.dryRun ? 0 : round(finished / seconds, 2),
    requestsPerSecond: options.dryRun ? 0 : round(client.requests / seconds, 1),
    byOutcome: run.byOutcome,
    steps: run.steps,
    patrolPasses: options.dryRun ? 0 : plan.passes.length,
    retries: client.retries,
    planned,
    errors: run.errors,
    ...(run.aborted && { aborted: true }),
  };
}

export async function carryOut(
  plan: DistrictPlan,
  client: ServicesClient,
  options: SimulationOptions,
  log: (line: string) => void,
  pace: Pace,
) {
  const started = Date.now();
  const byOutcome: Record<string, number> = {};
  const steps: Record<string, number> = {};
  const errors: string[] = [];
  const count = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  let done = 0;
  let failed = 0;
  let aborted = false;
  const runner = new CaseRunner(client, { waitTimeoutMs: options.waitTimeoutMs, pace }, (label) =>
    count(steps, label),
  );
  const slots = new Slots(options.concurrency);

  const carry = async (c: CasePlan): Promise<void> => {
    try {
      await runner.run(c);
      count(byOutcome, c.outcome);
    } catch (error) {
      failed++;
      count(byOutcome, 'failed');
      if (errors.length < KEPT_ERRORS) errors.push(`case ${c.key}: ${(error as Error).message}`);
      if (failed > options.maxFailures && !aborted) {
        aborted = true;
        log(`more than ${options.maxFailures} cases failed: no new case is started`);
      }
    } finally {
      done++;
    }
  };
  const postPass = async (pass: PatrolPass): Promise<void> => {
    try {
      await client.expect('intake', 'POST', '/api/v1/patrols', {
        body: { cellCodes: pass.cellCodes, passedAt: pace.stamp(pass.at) },
      });
      count(steps, 'patrolPass');
    } catch (error) {
      if (errors.length < KEPT_ERRORS)
        errors.push(`patrol pass ${pass.streetId}: ${(error as Error).message}`);
    }
  };

  let last = { at: started, done: 0, requests: 0 };
  const progress = setInterval(() => {
    const now = Date.now();
    const window = (now - last.at) / 1000;
    log(
      `${done}/${plan.cases.length} cases done (${failed} failed), ${slots.inUse} running, ` +
        `${client.requests} requests; last ${window.toFixed(0)} s: ` +
        `${((done - last.done) / window).toFixed(1)} cases/s, ${((client.requests - last.requests) / window).toFixed(0)} req/s`,
    );
    last = { at: now, done, requests: client.requests };
  }, options.progressEveryMs);
  progress.unref();

  // One timeline in business-time order: passes before the reports they may bound.
  type Item = { at: number; pass?: PatrolPass; case?: CasePlan };
  const timeline: Item[] = [
    ...plan.passes.map((pass): Item => ({ at: pass.at.getTime(), pass })),
    ...plan.cases.map((c): Item => ({ at: c.steps[0].at.getTime(), case: c })),
  ].sort((a, b) => a.at - b.at || (a.pass ? 0 : 1) - (b.pass ? 0 : 1));
  const finished = new Map<number, Promise<void>>();
  try {
    for (const item of timeline) {
      await pace.until(new Date(item.at));
      if (aborted) break;
      if (item.pass) {
        await postPass(item.pass);
        continue;
      }
      const c = item.case!;
      // A hot spot's next case is reported once the last one is through.
      const before = c.after === undefined ? undefined : finished.get(c.after);
      if (before) {
        finished.set(
          c.n,
          before.then(() => (aborted ? undefined : slots.run(() => carry(c)))),
        );
      } else {
        await slots.acquire();
        finished.set(
          c.n,
          carry(c).finally(() => slots.release()),
        );
      }
    }
    await Promise.all(finished.values());
  } finally {
    clearInterval(progress);
  }
  const notStarted = plan.cases.length - done;
  if (notStarted > 0) byOutcome.notStarted = notStarted;
  log(
    `${done}/${plan.cases.length} cases done (${failed} failed) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { byOutcome, steps, errors, aborted, seconds: (Date.now() - started) / 1000 };
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
