import { localDateOf } from '@cityloop/domain';
import { CaseProjection } from '@cityloop/read-models';
import { waitFor } from '@cityloop/testing';
import type { Pool } from 'pg';
import { consumerLag } from './consumer-lag';
import { oracleAsOf, oracleMetrics, type OracleItem } from './metrics-oracle';

// API bodies as the comparison reads them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Item = Record<string, any>;

export interface Quarter {
  name: string;
  from: string;
  to: string;
}

/** Calendar quarters from a quarter's name on: 2026-Q2 and the next one. */
export function quartersFrom(first: string, count: number): Quarter[] {
  const [year, q] = first.split('-Q').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const [y, n] = [year + Math.floor((q - 1 + i) / 4), ((q - 1 + i) % 4) + 1];
    const last = new Date(Date.UTC(y, n * 3, 0)).getUTCDate();
    return {
      name: `${y}-Q${n}`,
      from: `${y}-${String(n * 3 - 2).padStart(2, '0')}-01`,
      to: `${y}-${String(n * 3).padStart(2, '0')}-${last}`,
    };
  });
}

/** The calendar quarter of `at` (UTC), as quartersFrom gives it. */
/** The quarters from the one holding `from` to the one holding `to`, cut in the time zone. */
export function quartersBetween(from: Date, to: Date, timeZone: string): Quarter[] {
  const [first, last] = [from, to].map((at) => {
    const date = localDateOf(at, timeZone);
    return Number(date.slice(0, 4)) * 4 + Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  });
  return quartersFrom(`${Math.floor(first / 4)}-Q${(first % 4) + 1}`, last - first + 1);
}

export const quarterOf = (at: Date): Quarter =>
  quartersFrom(`${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`, 1)[0];

const SUBJECTS = [
  { subject: 'street', route: 'streets', id: 'streetId' },
  { subject: 'department', route: 'departments', id: 'departmentId' },
] as const;

export interface Comparison {
  /** One line per figure where the read model and the oracle differ (empty: they agree). */
  mismatches: string[];
  /** How many figures were compared. */
  compared: number;
  /** Sums over the streets, to show the comparison covered real figures. */
  totals: {
    reported: number;
    due: number;
    rebounded: number;
    onset: number;
    rework: number;
    wrongDispatch: number;
  };
  /** The API's tables by `<quarter>/<route>`. */
  tables: Record<string, Item[]>;
}

/**
 * The projections' metric tables (through the API) against the oracle (plain SQL over the four
 * event stores), for each quarter, per street and per department.
 */
export async function compareWithOracle(
  db: Pool,
  api: (path: string) => Promise<{ status: number; body: { asOf: string; items: Item[] } }>,
  quarters: Quarter[],
  timeZone: string,
): Promise<Comparison> {
  const asOf = (await oracleAsOf(db))!;
  const result: Comparison = {
    mismatches: [],
    compared: 0,
    totals: { reported: 0, due: 0, rebounded: 0, onset: 0, rework: 0, wrongDispatch: 0 },
    tables: {},
  };
  for (const quarter of quarters) {
    for (const { subject, route, id } of SUBJECTS) {
      const answer = await api(`/api/v1/metrics/${route}?period=${quarter.name}`);
      if (answer.status !== 200) throw new Error(`GET /metrics/${route}: ${answer.status}`);
      if (answer.body.asOf !== new Date(asOf).toISOString())
        result.mismatches.push(
          `${quarter.name} asOf: ${answer.body.asOf} != ${new Date(asOf).toISOString()}`,
        );
      result.tables[`${quarter.name}/${route}`] = answer.body.items;
      const oracle = await oracleMetrics(db, {
        subject,
        from: quarter.from,
        to: quarter.to,
        timeZone,
        asOf,
        radiusMetres: 250,
        windowDays: 30,
      });
      const byId = new Map(oracle.map((o: OracleItem) => [String((o as Record<string, unknown>)[id]), o]));
      for (const item of answer.body.items) {
        const where = `${quarter.name} ${subject} ${item[id]}`;
        const theirs = byId.get(String(item[id]));
        byId.delete(String(item[id]));
        if (!theirs) {
          // The oracle lists only subjects with cases: ours must be empty then.
          if (item.reported + item.due + item.rebound.closed + item.timeToDispose.calendar.count > 0)
            result.mismatches.push(`${where}: missing from the oracle`);
          continue;
        }
        const figures: Record<string, unknown> = { ...theirs };
        delete figures[id];
        result.mismatches.push(...differences(where, comparable(item), figures));
        result.compared += countLeaves(figures);
        if (subject === 'street') {
          result.totals.reported += item.reported;
          result.totals.due += item.due;
          result.totals.rebounded += item.rebound.rebounded;
          result.totals.onset += item.timeToDiscover.count;
          result.totals.rework += item.rates.rework.numerator;
          result.totals.wrongDispatch += item.rates.wrongDispatch.numerator;
        }
      }
      for (const missing of byId.keys())
        result.mismatches.push(`${quarter.name} ${subject} ${missing}: only in the oracle`);
    }
  }
  return result;
}

/**
 * Every case event and patrol pass of the four stores is in the read model: a fingerprint of the
 * counts, or null while projections is behind.
 */
export async function projectionsCaughtUp(db: Pool): Promise<string | null> {
  const types = CaseProjection.TYPES.filter((t) => t !== 'PatrolPassLogged');
  const stored = ['intake', 'dispatch', 'disposal', 'verification']
    .map((s) => `SELECT count(*) FROM ${s}.events WHERE type = ANY($1)`)
    .join(' UNION ALL ');
  const [events, passes, timeline, passRows] = await Promise.all([
    db.query<{ n: string }>(`SELECT sum(count)::text AS n FROM (${stored}) x`, [types]),
    db.query<{ n: string }>(
      `SELECT coalesce(sum(jsonb_array_length(payload->'cellCodes')), 0)::text AS n FROM intake.events WHERE type = 'PatrolPassLogged'`,
    ),
    db.query<{ n: string }>('SELECT count(*)::text AS n FROM projections.case_timeline'),
    db.query<{ n: string }>('SELECT count(*)::text AS n FROM projections.patrol_passes'),
  ]);
  const done = events.rows[0].n === timeline.rows[0].n && passes.rows[0].n === passRows.rows[0].n;
  return done ? `${timeline.rows[0].n}/${passRows.rows[0].n}` : null;
}

/**
 * Waits until projections has caught up and nothing new came for two seconds (the order timers
 * raise their reminders and escalations shortly after a simulated run).
 */
export async function whenSettled(db: Pool, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  for (;;) {
    const now = await projectionsCaughtUp(db);
    if (now !== null && now === last) return;
    if (Date.now() > deadline) throw new Error(`projections did not catch up within ${timeoutMs} ms`);
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/**
 * Once projections settled: this quarter's street and department tables against the oracle (for
 * tests whose cases are all filed now, without business times).
 */
export async function compareThisQuarter(
  db: Pool,
  projections: (path: string) => Promise<{ status: number; body: { asOf: string; items: Item[] } }>,
  timeZone: string,
): Promise<Comparison> {
  await whenSettled(db, 120_000);
  return compareWithOracle(db, projections, [quarterOf(new Date())], timeZone);
}

/** Every consumer group of the stack caught up, then projections settled (see whenSettled). */
export async function whenCaughtUp(db: Pool, topicPrefix: string, timeoutMs = 120_000): Promise<void> {
  await waitFor(
    () => consumerLag(topicPrefix),
    (lag) => lag === 0,
    { what: 'every consumer group caught up', timeoutMs, intervalMs: 1000 },
  );
  await whenSettled(db, timeoutMs);
}

const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** The figures the oracle computes, from an API item, in the oracle's shape. */
function comparable(item: Item): Record<string, unknown> {
  const ratio = (r: { numerator: number; denominator: number }) => ({
    numerator: r.numerator,
    denominator: r.denominator,
  });
  const rates = (group: Record<string, { numerator: number; denominator: number }>, names: string[]) =>
    Object.fromEntries(names.map((n) => [n, ratio(group[n])]));
  return {
    timeToDiscover: item.timeToDiscover,
    unknownOnset: item.unknownOnset,
    reported: item.reported,
    proactive: item.proactive,
    missedReports: item.missedReports,
    timeToFile: item.timeToFile,
    timeToDispatch: item.timeToDispatch,
    timeToDispose: {
      calendar: item.timeToDispose.calendar,
      working: { count: item.timeToDispose.working.count },
    },
    timeToClose: item.timeToClose,
    due: item.due,
    rates: rates(item.rates, Object.keys(item.rates)),
    rebound: {
      closed: item.rebound.closed,
      rebounded: item.rebound.rebounded,
      provisional: item.rebound.provisional,
    },
    hotline: rates(item.hotline, ['response', 'resolution', 'satisfaction']),
  };
}

/** Differences between the read model's and the oracle's figures, one line each. */
function differences(path: string, ours: unknown, theirs: unknown): string[] {
  if (typeof ours === 'number' || typeof theirs === 'number')
    return close(ours as number | null, theirs as number | null)
      ? []
      : [`${path}: ${String(ours)} != ${String(theirs)}`];
  if (ours && theirs && typeof ours === 'object' && typeof theirs === 'object') {
    const keys = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
    return [...keys].flatMap((k) =>
      differences(
        `${path}.${k}`,
        (ours as Record<string, unknown>)[k],
        (theirs as Record<string, unknown>)[k],
      ),
    );
  }
  return ours === theirs ? [] : [`${path}: ${String(ours)} != ${String(theirs)}`];
}

function countLeaves(value: unknown): number {
  return value !== null && typeof value === 'object'
    ? Object.values(value).reduce<number>((sum, v) => sum + countLeaves(v), 0)
    : 1;
}
