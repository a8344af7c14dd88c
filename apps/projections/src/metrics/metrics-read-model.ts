import { metricRulesOf, type MetricRules, type ReportingPeriod } from '@cityloop/domain';
import { DistrictReference } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { clockStartColumn, figures, type Figure } from './figures';
import { MetricSummaries, type KeptTable } from './metric-summaries';
import { CLOSED_IN_PERIOD_SQL, REBOUND_PAIRS_SQL } from './rebound-pairs.sql';

export type Subject = 'street' | 'department';

export interface MetricsQuery {
  period: ReportingPeriod;
  categoryCode: string | null;
}

export interface Stats {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
}
export interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
}
export type SubjectMetrics = Record<string, unknown> & { name: string };
/** A street or department table as served, with the read model's clock it was computed at. */
export type MetricTable = KeptTable<SubjectMetrics[]>;

/** Raised by dispatch's order timers at thresholds of the clock: not evidence of the clock. */
const TIMER_EVENTS = ['DeadlineReminderRaised', 'OrderEscalated'];

/** The query's parameters by name, for the figures' SQL: $1 start, $2 end, $3 as_of, $4 category. */
const PARAMS = `(SELECT $1::timestamptz AS start, $2::timestamptz AS "end", $3::timestamptz AS as_of, $4::text AS category)`;

const SUBJECT_COLUMN: Record<Subject, string> = { street: 'c.street_id', department: 'c.department_id' };
const ID_FIELD: Record<Subject, string> = { street: 'streetId', department: 'departmentId' };

/** Bump when the way a table is computed from the figures changes (its kept summaries then lapse). */
const TABLE_FORMAT = 1;

/**
 * The metric tables of docs/METRICS.md, computed from the case records, and kept as computed
 * until a change to their cases (MetricSummaries).
 */
@Injectable()
export class MetricsReadModel {
  readonly rules: MetricRules;
  private readonly figures: Record<string, Figure>;
  /** What a kept table was computed by: the figures, the rules and the district's subjects. */
  private readonly definition: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly district: DistrictReference,
    private readonly summaries: MetricSummaries,
  ) {
    this.rules = metricRulesOf(district.pack);
    this.figures = figures(clockStartColumn(this.rules.disposalClockFrom));
    this.definition = createHash('sha256')
      .update(
        JSON.stringify([
          TABLE_FORMAT,
          this.figures,
          this.rules,
          this.subjects('street'),
          this.subjects('department'),
        ]),
      )
      .digest('hex');
  }

  get figureNames(): string[] {
    return Object.keys(this.figures);
  }

  get timeZone(): string {
    return this.district.pack.district.timeZone;
  }

  /**
   * The read model's clock: the latest business time among the events it has seen, the order
   * timers' own reminders and escalations aside (they follow the clock, they are no news of it).
   */
  async asOf(): Promise<Date | null> {
    const [{ as_of }] = await this.dataSource.query<{ as_of: Date | null }[]>(
      `SELECT greatest(
         (SELECT max(occurred_at) FROM case_timeline WHERE type NOT IN (${TIMER_EVENTS.map((t) => `'${t}'`).join(', ')})),
         (SELECT max(passed_at) FROM patrol_passes)) AS as_of`,
    );
    return as_of;
  }

  /**
   * One item per street of the district, or per department, with every figure of the period: as
   * of the clock `asOf`, or, if the reader accepts a table up to `maxAgeSeconds` old, as of the
   * clock it was computed at (MetricSummaries).
   */
  async table(
    subject: Subject,
    query: MetricsQuery,
    asOf: Date | null,
    maxAgeSeconds = 0,
  ): Promise<MetricTable> {
    const { start, end } = query.period;
    return this.summaries.through(
      { subject, start, end, categoryCode: query.categoryCode, definition: this.definition },
      { asOf, settledFrom: new Date(end.getTime() + this.rules.reboundWindowDays * 86_400_000) },
      (db) => this.tableAfresh(subject, query, asOf, db),
      maxAgeSeconds,
    );
  }

  /** The table computed from the case records now, not kept. */
  async tableAfresh(
    subject: Subject,
    query: MetricsQuery,
    asOf: Date | null,
    db: EntityManager = this.dataSource.manager,
  ): Promise<SubjectMetrics[]> {
    const bySubject = new Map<string, SubjectMetrics>(
      this.subjects(subject).map(({ id, name }) => [id, { [ID_FIELD[subject]]: id, name }]),
    );
    const item = (id: string) => {
      if (!bySubject.has(id)) bySubject.set(id, { [ID_FIELD[subject]]: id, name: id });
      return bySubject.get(id)!;
    };
    const anchors = [...new Set(Object.values(this.figures).map((f) => f.anchor))];
    for (const anchor of anchors) {
      const names = Object.keys(this.figures).filter((name) => this.figures[name].anchor === anchor);
      const found = await db.query<Record<string, unknown>[]>(
        `SELECT ${SUBJECT_COLUMN[subject]} AS subject, ${names.map((n, i) => this.aggregates(this.figures[n], i)).join(', ')}
           FROM cases_with_onset c, ${PARAMS} p
          WHERE ${anchor} >= p.start AND ${anchor} < p.end AND (p.category IS NULL OR c.category_code = p.category)
            AND ${SUBJECT_COLUMN[subject]} IS NOT NULL
          GROUP BY 1`,
        this.params(query, asOf),
      );
      for (const row of found) {
        names.forEach((name, i) =>
          setPath(item(String(row.subject)), name, this.valueOf(this.figures[name], row, i)),
        );
      }
    }
    for (const row of await this.rebounds(db, subject, query, asOf)) {
      item(row.subject).rebound = {
        closed: row.closed,
        rebounded: row.rebounded,
        rate: row.closed > 0 ? row.rebounded / row.closed : null,
        provisional: row.provisional,
      };
    }
    return [...bySubject.values()].map((metrics) => withEmptyFigures(metrics, this.figures));
  }

  /** The cases behind one figure of one street or department (drill-down). */
  async casesBehind(
    figure: string,
    subject: Subject,
    subjectId: string,
    query: MetricsQuery,
    asOf: Date | null,
  ): Promise<Record<string, unknown>[]> {
    const f = this.figures[figure];
    const value =
      f.kind === 'duration'
        ? `${f.value} AS value`
        : f.kind === 'rate'
          ? `coalesce(${f.numerator}, false) AS counted`
          : '';
    return this.dataSource.query(
      `SELECT c.case_id AS "caseId", c.category_code AS "categoryCode", c.street_id AS "streetId",
              c.department_id AS "departmentId", c.grid_cell_code AS "gridCellCode", c.status,
              ${f.anchor} AS at${value ? `, ${value}` : ''}
         FROM cases_with_onset c, ${PARAMS} p
        WHERE ${f.anchor} >= p.start AND ${f.anchor} < p.end AND (p.category IS NULL OR c.category_code = p.category)
          AND ${SUBJECT_COLUMN[subject]} = $5 AND (${f.population})
        ORDER BY ${f.anchor}, c.case_id`,
      [...this.params(query, asOf), subjectId],
    );
  }

  /** Rebound pairs (整治反弹): closed case A in the period, each later case B that rebounded it. */
  async reboundPairs(query: MetricsQuery): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `${REBOUND_PAIRS_SQL}
       SELECT p.a_id AS "caseId", p.b_id AS "reboundCaseId", a.street_id AS "streetId",
              a.department_id AS "departmentId", a.category_code AS "categoryCode", a.closed_at AS "closedAt",
              p.b_reported_at AS "reboundReportedAt", p.distance_metres AS "distanceMetres"
         FROM pairs p JOIN closed a ON a.case_id = p.a_id
        ORDER BY a.closed_at, p.a_id, p.b_id`,
      [...this.reboundParams(query), this.rules.reboundRadiusMetres, this.rules.reboundWindowDays],
    );
  }

  /** Repeat-problem spots: a cell and category with at least `minReports` reports in the period. */
  async spots(query: MetricsQuery, minReports: number): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `SELECT t.details->>'gridCellCode' AS "gridCellCode", left(t.details->>'gridCellCode', 9) AS "streetId",
              c.category_code AS "categoryCode", count(*)::int AS reports, count(DISTINCT t.case_id)::int AS cases
         FROM case_timeline t JOIN cases c ON c.case_id = t.case_id
        WHERE t.type IN ('CaseReported', 'ReportAttached') AND t.occurred_at >= $1 AND t.occurred_at < $2
          AND ($3::text IS NULL OR c.category_code = $3)
        GROUP BY 1, 2, 3 HAVING count(*) >= $4
        ORDER BY reports DESC, 1, 3`,
      [query.period.start, query.period.end, query.categoryCode, minReports],
    );
  }

  private async rebounds(db: EntityManager, subject: Subject, query: MetricsQuery, asOf: Date | null) {
    const column = subject === 'street' ? 'a.street_id' : 'a.department_id';
    const found = await db.query<
      { subject: string; closed: number; rebounded: number; last_closure: Date }[]
    >(
      `${CLOSED_IN_PERIOD_SQL}
       SELECT ${column} AS subject, count(*)::int AS closed,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM rebounds r WHERE r.case_id = a.case_id))::int AS rebounded,
              max(a.closed_at) AS last_closure
         FROM closed a WHERE ${column} IS NOT NULL GROUP BY 1`,
      this.reboundParams(query),
    );
    const windowMs = this.rules.reboundWindowDays * 86_400_000;
    return found.map((row) => ({
      ...row,
      provisional: asOf === null || row.last_closure.getTime() + windowMs > asOf.getTime(),
    }));
  }

  private reboundParams(query: MetricsQuery): unknown[] {
    return [query.period.start, query.period.end, query.categoryCode];
  }

  private params(query: MetricsQuery, asOf: Date | null): unknown[] {
    return [query.period.start, query.period.end, asOf, query.categoryCode];
  }

  private aggregates(f: Figure, i: number): string {
    const where = `FILTER (WHERE ${f.population})`;
    switch (f.kind) {
      case 'count':
        return `count(*) ${where} AS f${i}`;
      case 'rate':
        return `count(*) FILTER (WHERE (${f.population}) AND (${f.numerator})) AS f${i}_num, count(*) ${where} AS f${i}_den`;
      case 'duration':
        return [
          `count(*) ${where} AS f${i}_count`,
          `avg(${f.value}) ${where} AS f${i}_mean`,
          `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${f.value}) ${where} AS f${i}_median`,
          `percentile_cont(0.9) WITHIN GROUP (ORDER BY ${f.value}) ${where} AS f${i}_p90`,
          `max(${f.value}) ${where} AS f${i}_max`,
        ].join(', ');
    }
  }

  private valueOf(f: Figure, row: Record<string, unknown>, i: number): number | Rate | Stats {
    const num = (key: string) => (row[key] === null ? null : Number(row[key]));
    switch (f.kind) {
      case 'count':
        return Number(row[`f${i}`]);
      case 'rate':
        return rate(Number(row[`f${i}_num`]), Number(row[`f${i}_den`]));
      case 'duration':
        return {
          count: Number(row[`f${i}_count`]),
          mean: num(`f${i}_mean`),
          median: num(`f${i}_median`),
          p90: num(`f${i}_p90`),
          max: num(`f${i}_max`),
        };
    }
  }

  private subjects(subject: Subject): { id: string; name: string }[] {
    const { streets, departments } = this.district.pack;
    return (subject === 'street' ? streets : departments).map((s) => ({ id: s.id, name: s.name }));
  }
}

const rate = (numerator: number, denominator: number): Rate => ({
  numerator,
  denominator,
  rate: denominator > 0 ? numerator / denominator : null,
});

const EMPTY_STATS: Stats = { count: 0, mean: null, median: null, p90: null, max: null };

/** Figures with no case in the period read as zero counts and empty statistics, never as missing. */
function withEmptyFigures(metrics: SubjectMetrics, all: Record<string, Figure>): SubjectMetrics {
  for (const [name, f] of Object.entries(all)) {
    if (getPath(metrics, name) !== undefined) continue;
    setPath(metrics, name, f.kind === 'count' ? 0 : f.kind === 'rate' ? rate(0, 0) : { ...EMPTY_STATS });
  }
  metrics.rebound ??= { closed: 0, rebounded: 0, rate: null, provisional: false };
  return metrics;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

function getPath(target: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], target);
}
