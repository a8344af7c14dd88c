import {
  localDateOf,
  periodBetween,
  orderProgress,
  type OrderClock,
  type ReportingPeriod,
} from '@cityloop/domain';
import { DistrictReference } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CLOSED_IN_PERIOD_SQL } from '../metrics/rebound-pairs.sql';
import { MetricsReadModel } from '../metrics/metrics-read-model';

/** A case still to be fixed: filed or beyond, not closed, not rejected. */
const OPEN = `c.closed_at IS NULL AND c.rejected_at IS NULL`;
/** Its order is past the deadline (`now`, a parameter) with the department's part undone; a postponed case's clock is stopped. */
const overdue = (now: string) =>
  `${OPEN} AND c.disposed_at IS NULL AND NOT c.postponed AND c.deadline_at < ${now}`;
const ON_THE_BOARD = ['dispatched', 'signed', 'rework', 'reopened'];

interface BoardRow {
  case_id: string;
  order_id: string;
  status: string;
  category_code: string;
  street_id: string;
  grid_cell_code: string;
  department_id: string;
  dispatched_at: Date;
  signed_at: Date | null;
  deadline_at: Date;
  time_limit_unit: string | null;
}

/** The command centre's live picture: counters, the board of open orders, the map's cells, trends. */
@Injectable()
export class CommandCentreReadModel {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly district: DistrictReference,
    private readonly metrics: MetricsReadModel,
  ) {}

  get timeZone(): string {
    return this.district.pack.district.timeZone;
  }

  /** Today's counters, today cut in the district's time zone by the wall clock (the live screen). */
  async overview(now: Date) {
    const timeZone = this.district.pack.district.timeZone;
    const today = localDateOf(now, timeZone);
    const { start, end } = periodBetween(today, today, timeZone);
    const [row] = await this.dataSource.query<Record<string, number>[]>(
      `SELECT count(*) FILTER (WHERE c.reported_at >= $2 AND c.reported_at < $3)::int AS "reportedToday",
              count(*) FILTER (WHERE ${OPEN} AND c.reported_at IS NOT NULL)::int AS open,
              count(*) FILTER (WHERE ${overdue('$1')})::int AS overdue,
              count(*) FILTER (WHERE c.closed_at >= $2 AND c.closed_at < $3)::int AS "closedToday"
         FROM cases c`,
      [now, start, end],
    );
    const asOf = await this.metrics.asOf();
    return { today, timeZone, now: now.toISOString(), ...row, asOf: asOf?.toISOString() ?? null };
  }

  /** Open orders with their traffic lights (红黄绿灯), red first, then the most of the limit used. */
  async board(now: Date, limit: number) {
    const found = await this.dataSource.query<BoardRow[]>(
      `SELECT case_id, order_id, status, category_code, street_id, grid_cell_code, department_id,
              dispatched_at, signed_at, deadline_at, time_limit_unit
         FROM cases c WHERE ${OPEN} AND c.order_id IS NOT NULL AND c.status = ANY($1)
        ORDER BY c.deadline_at, c.case_id LIMIT 5000`,
      [ON_THE_BOARD],
    );
    const { calendar } = this.district.pack;
    const names = this.names();
    return found
      .map((r) => {
        const clock: OrderClock = {
          // Where the district counts from sign-off (签收), the clock starts there once signed.
          startedAt:
            this.metrics.rules.disposalClockFrom === 'sign' && r.signed_at ? r.signed_at : r.dispatched_at,
          deadlineAt: r.deadline_at,
          now,
          unit: (r.time_limit_unit ?? 'workingHours') as OrderClock['unit'],
        };
        const { light, share } = orderProgress(clock, calendar);
        return {
          caseId: r.case_id,
          orderId: r.order_id,
          status: r.status,
          categoryCode: r.category_code,
          categoryName: names.categories.get(r.category_code) ?? r.category_code,
          streetId: r.street_id,
          streetName: names.streets.get(r.street_id) ?? r.street_id,
          gridCellCode: r.grid_cell_code,
          departmentId: r.department_id,
          departmentName: names.departments.get(r.department_id) ?? r.department_id,
          dispatchedAt: r.dispatched_at.toISOString(),
          deadlineAt: r.deadline_at.toISOString(),
          light,
          usedShare: share,
        };
      })
      .sort(
        (a, b) =>
          LIGHT_ORDER[a.light] - LIGHT_ORDER[b.light] ||
          b.usedShare - a.usedShare ||
          a.caseId.localeCompare(b.caseId),
      )
      .slice(0, limit);
  }

  /** Per grid cell: reports in the period, open and overdue now, rebounds of closures in the period. */
  async cells(period: ReportingPeriod, now: Date) {
    return this.dataSource.query<Record<string, unknown>[]>(
      `${CLOSED_IN_PERIOD_SQL},
       counts AS (
         SELECT c.grid_cell_code, c.street_id,
                count(*) FILTER (WHERE c.reported_at >= $1 AND c.reported_at < $2)::int AS reported,
                count(*) FILTER (WHERE ${OPEN} AND c.reported_at IS NOT NULL)::int AS open,
                count(*) FILTER (WHERE ${overdue('$4')})::int AS overdue
           FROM cases c WHERE c.grid_cell_code IS NOT NULL GROUP BY 1, 2
       ),
       rebounded AS (
         SELECT a.grid_cell_code, count(*)::int AS rebounds
           FROM closed a JOIN rebounds r ON r.case_id = a.case_id GROUP BY 1
       )
       SELECT k.grid_cell_code AS "gridCellCode", k.street_id AS "streetId", k.reported, k.open, k.overdue,
              coalesce(r.rebounds, 0) AS rebounds
         FROM counts k LEFT JOIN rebounded r ON r.grid_cell_code = k.grid_cell_code
        WHERE k.reported + k.open + k.overdue + coalesce(r.rebounds, 0) > 0
        ORDER BY 1`,
      [period.start, period.end, null, now],
    );
  }

  /** Reports and closures per day, and time-to-dispose (calendar) median and p90 per ISO week. */
  async trend(period: ReportingPeriod) {
    const timeZone = this.district.pack.district.timeZone;
    const days = await this.dataSource.query<{ date: string; reported: number; closed: number }[]>(
      `WITH days AS (
         SELECT to_char(d, 'YYYY-MM-DD') AS date FROM generate_series($3::date, $4::date, interval '1 day') d
       ),
       reported AS (
         SELECT to_char(reported_at AT TIME ZONE $5, 'YYYY-MM-DD') AS date, count(*)::int AS n
           FROM cases WHERE reported_at >= $1 AND reported_at < $2 GROUP BY 1
       ),
       closed AS (
         SELECT to_char(closed_at AT TIME ZONE $5, 'YYYY-MM-DD') AS date, count(*)::int AS n
           FROM cases WHERE closed_at >= $1 AND closed_at < $2 GROUP BY 1
       )
       SELECT d.date, coalesce(r.n, 0) AS reported, coalesce(c.n, 0) AS closed
         FROM days d LEFT JOIN reported r USING (date) LEFT JOIN closed c USING (date) ORDER BY d.date`,
      [period.start, period.end, period.from, period.to, timeZone],
    );
    const weeks = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT to_char(disposed_at AT TIME ZONE $3, 'IYYY-"W"IW') AS week,
              to_char(date_trunc('week', disposed_at AT TIME ZONE $3), 'YYYY-MM-DD') AS from,
              to_char(date_trunc('week', disposed_at AT TIME ZONE $3) + interval '6 days', 'YYYY-MM-DD') AS to,
              count(*)::int AS count,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM disposed_at - dispatched_at)::float8) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM disposed_at - dispatched_at)::float8) AS p90
         FROM cases WHERE disposed_at >= $1 AND disposed_at < $2 AND dispatched_at IS NOT NULL
        GROUP BY 1, 2, 3 ORDER BY 2`,
      [period.start, period.end, timeZone],
    );
    return { from: period.from, to: period.to, timeZone, days, weeks };
  }

  private names() {
    const { categories, streets, departments } = this.district.pack;
    return {
      categories: new Map(categories.map((c) => [c.code, c.name])),
      streets: new Map(streets.map((s) => [s.id, s.name])),
      departments: new Map(departments.map((d) => [d.id, d.name])),
    };
  }
}

const LIGHT_ORDER = { red: 0, yellow: 1, green: 2 } as const;
