/**
 * The metrics oracle: the per-street and per-department figures of docs/METRICS.md recomputed by
 * plain SQL straight from the four services' event stores (intake, dispatch, disposal,
 * verification), independently of the projection's read model. The end-to-end test compares the
 * projections' metrics API with it after a simulated run.
 *
 * - metrics-oracle/case-facts.ts: the case record, one CTE per row of METRICS.md's table;
 * - metrics-oracle/figures.ts: durations, counts, rates, rebound and hotline per subject.
 *
 * Read-only: it only ever runs SELECT statements.
 */
import type { Client, Pool, PoolClient } from 'pg';
import { caseFactsCtes, DEFAULT_SCHEMAS, eventsOf, type OracleSchemas } from './metrics-oracle/case-facts';
import { figuresSql } from './metrics-oracle/figures';

export { DEFAULT_SCHEMAS, type OracleSchemas } from './metrics-oracle/case-facts';

type Db = Client | Pool;

export interface OracleQuery {
  subject: 'street' | 'department';
  /** Local dates in timeZone, both inclusive: YYYY-MM-DD. */
  from: string;
  to: string;
  timeZone: string;
  categoryCode?: string;
  /** The latest business time among all events (see oracleAsOf): "overdue" and "provisional" judge against it. */
  asOf: string;
  /** Rebound radius, METRICS.md's default 250. */
  radiusMetres: number;
  /** Rebound window in days of 24 h, METRICS.md's default 30. */
  windowDays: number;
  /** Where the disposal clock starts (the pack's rules.disposalClockFrom); 'dispatch' when left out. */
  disposalClockFrom?: 'dispatch' | 'sign';
  schemas?: OracleSchemas;
}

// Type aliases rather than interfaces, so that an item reads as a Record<string, unknown> too.

/** Statistics of a duration, in seconds; an empty set gives count 0 and nulls. */
export type OracleStats = {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
};

export type OracleRatio = {
  numerator: number;
  denominator: number;
};

export type OracleFigures = {
  timeToDiscover: OracleStats;
  unknownOnset: number;
  reported: number;
  proactive: number;
  missedReports: number;
  timeToFile: OracleStats;
  timeToDispatch: OracleStats;
  /** Working time needs the district calendar: only its count (the same population as calendar). */
  timeToDispose: { calendar: OracleStats; working: { count: number } };
  timeToClose: OracleStats;
  due: number;
  rates: {
    disposal: OracleRatio;
    onTimeDisposal: OracleRatio;
    rework: OracleRatio;
    overdueOpen: OracleRatio;
    extension: OracleRatio;
    closure: OracleRatio;
    onTimeClosure: OracleRatio;
    wrongDispatch: OracleRatio;
  };
  rebound: { closed: number; rebounded: number; provisional: boolean };
  hotline: { response: OracleRatio; resolution: OracleRatio; satisfaction: OracleRatio };
};

export type OracleItem = ({ streetId: string } | { departmentId: string }) & OracleFigures;

/** One row of the case record, as the oracle rebuilds it (for drill-down when a comparison fails). */
export interface OracleCase {
  case_id: string;
  category_code: string;
  street_id: string;
  grid_cell_code: string;
  lat: number;
  lng: number;
  reported_at: Date;
  first_source: string;
  onset_at: Date | null;
  onset_basis: 'caller' | 'patrol-pass' | null;
  rejected: boolean;
  filed_at: Date | null;
  first_dispatched_at: Date | null;
  order_id: string | null;
  department_id: string | null;
  dispatched_at: Date | null;
  deadline_at: Date | null;
  department_count: number;
  signed_at: Date | null;
  disposed_at: Date | null;
  verification_failures: number;
  extended: boolean;
  postponed: boolean;
  closed_at: Date | null;
  satisfaction: string | null;
  followed_up_at: Date | null;
}

/**
 * The order timers' events, which do not move the clock: "their times are thresholds the clock was
 * expected to pass, not news that it did" (METRICS.md, the read model's clock).
 */
export const TIMER_EVENT_TYPES = ['DeadlineReminderRaised', 'OrderEscalated'];

/**
 * asOf: the latest business time (occurred_at) among all events of the four stores except the
 * order timers' reminders and escalations; null when there is none.
 */
export async function oracleAsOf(db: Db, schemas: OracleSchemas = DEFAULT_SCHEMAS): Promise<string | null> {
  const stores = [schemas.intake, schemas.dispatch, schemas.disposal, schemas.verification];
  const latest = stores.map(
    (schema) =>
      `SELECT max(occurred_at) AS latest FROM ${eventsOf(schema)} WHERE NOT (type = ANY($1::text[]))`,
  );
  const { rows } = await db.query<{ as_of: Date | null }>(
    `SELECT max(latest) AS as_of FROM (${latest.join(' UNION ALL ')}) stores`,
    [TIMER_EVENT_TYPES],
  );
  return rows[0].as_of ? rows[0].as_of.toISOString() : null;
}

/** The case record of every case, rebuilt from the events. */
export async function oracleCases(db: Db, schemas: OracleSchemas = DEFAULT_SCHEMAS): Promise<OracleCase[]> {
  const sql = `WITH ${caseFactsCtes(schemas)} SELECT * FROM case_facts ORDER BY reported_at, case_id`;
  const { rows } = await withPlanSettings(db, (connection) => connection.query<OracleCase>(sql));
  return rows;
}

interface FigureRow {
  subject_id: string;
  unknown_onset: number;
  reported: number;
  proactive: number;
  missed_reports: number;
  due: number;
  disposal: number;
  on_time_disposal: number;
  rework: number;
  overdue_open: number;
  extension: number;
  due_not_postponed: number;
  closure: number;
  on_time_closure: number;
  wrong_dispatch: number;
  closed: number;
  rebounded: number;
  provisional: boolean;
  hotline_cases: number;
  hotline_responded: number;
  hotline_filed: number;
  hotline_resolved: number;
  hotline_followed_up: number;
  hotline_satisfied: number;
  durations: Partial<
    Record<'timeToDiscover' | 'timeToFile' | 'timeToDispatch' | 'timeToDispose' | 'timeToClose', OracleStats>
  >;
}

const EMPTY_STATS: OracleStats = { count: 0, mean: null, median: null, p90: null, max: null };
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The figures per street or per department, one item per subject with a case in any figure's population. */
export async function oracleMetrics(db: Db, query: OracleQuery): Promise<OracleItem[]> {
  if (!LOCAL_DATE.test(query.from) || !LOCAL_DATE.test(query.to))
    throw new Error(`from and to must be local dates YYYY-MM-DD, got ${query.from} and ${query.to}`);
  if (query.subject !== 'street' && query.subject !== 'department')
    throw new Error(`subject must be street or department, got ${String(query.subject)}`);
  const parameters = [
    query.from,
    query.to,
    query.timeZone,
    query.categoryCode ?? null,
    query.asOf,
    query.radiusMetres,
    query.windowDays,
    query.subject,
    query.disposalClockFrom ?? 'dispatch',
  ];
  const sql = figuresSql(query.schemas ?? DEFAULT_SCHEMAS);
  const { rows } = await withPlanSettings(db, (connection) => connection.query<FigureRow>(sql, parameters));
  return rows.map((row) => ({
    ...(query.subject === 'street' ? { streetId: row.subject_id } : { departmentId: row.subject_id }),
    ...figuresOf(row),
  }));
}

const ratio = (numerator: number, denominator: number): OracleRatio => ({ numerator, denominator });

function figuresOf(row: FigureRow): OracleFigures {
  const stats = (figure: keyof FigureRow['durations']): OracleStats => row.durations[figure] ?? EMPTY_STATS;
  return {
    timeToDiscover: stats('timeToDiscover'),
    unknownOnset: row.unknown_onset,
    reported: row.reported,
    proactive: row.proactive,
    missedReports: row.missed_reports,
    timeToFile: stats('timeToFile'),
    timeToDispatch: stats('timeToDispatch'),
    timeToDispose: { calendar: stats('timeToDispose'), working: { count: stats('timeToDispose').count } },
    timeToClose: stats('timeToClose'),
    due: row.due,
    rates: {
      disposal: ratio(row.disposal, row.due),
      onTimeDisposal: ratio(row.on_time_disposal, row.due),
      rework: ratio(row.rework, row.due),
      overdueOpen: ratio(row.overdue_open, row.due),
      extension: ratio(row.extension, row.due),
      closure: ratio(row.closure, row.due_not_postponed),
      onTimeClosure: ratio(row.on_time_closure, row.due_not_postponed),
      wrongDispatch: ratio(row.wrong_dispatch, row.due),
    },
    rebound: { closed: row.closed, rebounded: row.rebounded, provisional: row.provisional },
    hotline: {
      response: ratio(row.hotline_responded, row.hotline_cases),
      resolution: ratio(row.hotline_resolved, row.hotline_filed),
      satisfaction: ratio(row.hotline_satisfied, row.hotline_followed_up),
    },
  };
}

/**
 * Runs the oracle's statements on one connection with plan settings of their own, restoring the
 * connection's after. The planner's row estimates for this many joins over jsonb fields are far
 * off (from 1 row to 10^20): they make Postgres spend seconds JIT-compiling the plan, or pick a
 * nested loop over thousands of rows. Neither setting changes a result, only the plan.
 */
const PLAN_SETTINGS = { jit: 'off', enable_nestloop: 'off' };

async function withPlanSettings<T>(db: Db, run: (connection: Client | PoolClient) => Promise<T>): Promise<T> {
  const pooled = 'totalCount' in db;
  const connection = pooled ? await db.connect() : db;
  try {
    const names = Object.keys(PLAN_SETTINGS);
    const { rows } = await connection.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM unnest($1::text[]) AS name`,
      [names],
    );
    for (const [name, value] of Object.entries(PLAN_SETTINGS))
      await connection.query(`SELECT set_config($1, $2, false)`, [name, value]);
    try {
      return await run(connection);
    } finally {
      for (const { name, setting } of rows)
        await connection.query(`SELECT set_config($1, $2, false)`, [name, setting]);
    }
  } finally {
    if (pooled) (connection as PoolClient).release();
  }
}
