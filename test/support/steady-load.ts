import type { Pool } from 'pg';
import { consumerLag } from './consumer-lag';
import { bearer, reportBody, type ServiceProcess } from './service-processes';

/** One report of a steady load: what intake answered (0: no answer within the timeout). */
export interface ReportCall {
  n: number;
  sentAt: number;
  status: number;
  caseId: string | null;
  code: string | null;
}

/** A steady stream of reports, filed at a fixed rate until stop() is called. */
export interface SteadyLoad {
  readonly calls: ReportCall[];
  /** Stops scheduling and waits for every call in flight to be answered. */
  stop(): Promise<ReportCall[]>;
}

/**
 * Files 12345 reports at `perSecond` into `intake`, open loop: every report is sent at its own
 * instant whether or not the earlier ones were answered, so a stalled service shows as calls piling
 * up, not as a slower load. Report n goes to the district's n-th cell (distinct places, so that
 * duplicate detection does not fold them); `firstN` keeps two loads on one stack apart.
 */
export function steadyReports(
  intake: ServiceProcess,
  perSecond: number,
  { firstN = 0, timeoutMs = 30_000 } = {},
): SteadyLoad {
  const calls: ReportCall[] = [];
  const inFlight = new Set<Promise<void>>();
  const operator = bearer('operator');
  const started = Date.now();
  let n = firstN;
  const file = async (call: ReportCall) => {
    try {
      const response = await fetch(`${intake.url}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...operator },
        body: JSON.stringify(reportBody(call.n)),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await response.json().catch(() => ({}))) as { caseId?: string; code?: string };
      call.status = response.status;
      call.caseId = body.caseId ?? null;
      call.code = body.code ?? null;
    } catch (error) {
      call.status = 0;
      call.code = (error as Error).name;
    }
  };
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - started) * perSecond) / 1000);
    while (n - firstN < due) {
      const call: ReportCall = { n: n++, sentAt: Date.now(), status: -1, caseId: null, code: null };
      calls.push(call);
      const pending = file(call).finally(() => inFlight.delete(pending));
      inFlight.add(pending);
    }
  }, 10);
  return {
    calls,
    async stop() {
      clearInterval(timer);
      await Promise.all([...inFlight]);
      return calls;
    },
  };
}

/** How many calls got each answer, e.g. { "201": 420, "503": 12 }. */
export const statusCounts = (calls: ReportCall[]): Record<string, number> =>
  calls.reduce<Record<string, number>>((counts, c) => {
    counts[c.status] = (counts[c.status] ?? 0) + 1;
    return counts;
  }, {});

/** Of some reports' cases, how many each consuming service holds (and its table's rows in all). */
export interface ReportsReached {
  lag: number;
  dispatch: { found: number; total: number };
  disposal: { found: number; total: number };
  projections: { found: number; total: number };
}

/**
 * How far reports filed at once (AUTO_FILE_SOURCES) got: filed with dispatch, ordered to a
 * department in disposal, a case in projections; and the stack's consumer lag.
 */
export async function reportsReached(
  db: Pool,
  topicPrefix: string,
  caseIds: string[],
): Promise<ReportsReached> {
  const rows = async (table: string) =>
    (
      await db.query<{ found: number; total: number }>(
        `SELECT count(*) FILTER (WHERE case_id = ANY($1::uuid[]))::int AS found, count(*)::int AS total FROM ${table}`,
        [caseIds],
      )
    ).rows[0];
  return {
    lag: await consumerLag(topicPrefix),
    dispatch: await rows('dispatch.filed_cases'),
    disposal: await rows('disposal.orders'),
    projections: await rows('projections.cases'),
  };
}

/** Every one of `count` reports is everywhere, once, and no consumer is behind. */
export const reachedOnce = (reached: ReportsReached, count: number): boolean =>
  reached.lag === 0 &&
  [reached.dispatch, reached.disposal, reached.projections].every(
    (r) => r.found === count && r.total === count,
  );
