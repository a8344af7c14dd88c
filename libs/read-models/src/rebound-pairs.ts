import type { MetricRules } from '@cityloop/domain';
import type { EntityManager } from 'typeorm';
import { lockInOrder } from './advisory-locks';

/**
 * The size of the squares that `cases.lat_band` and `cases.lng_band` cut the map into, in metres
 * of arc along the meridian and along the equator: the index by which rebounds are looked up.
 */
export const BAND_METRES = 100;
const EARTH_RADIUS = 6371008.8;

export type ReboundRules = Pick<MetricRules, 'reboundRadiusMetres' | 'reboundWindowDays'>;

/**
 * The rebound relation of docs/METRICS.md, as SQL over two rows of `cases`, `a` (the closed case)
 * and `b` (the later one), with the great-circle distance between their first reports in
 * `d.metres`, given the parameters that hold the radius in metres and the window in days of 24 h.
 */
const window = (days: string) => `${days}::int * interval '24 hours'`;
const rebounds = (radius: string, days: string) => `
      a.closed_at IS NOT NULL AND b.case_id <> a.case_id AND b.rejected_at IS NULL
  AND b.category_code = a.category_code
  AND (b.grid_cell_code = a.grid_cell_code OR d.metres <= ${radius}::float8)
  AND ((b.reported_at > a.closed_at AND b.reported_at <= a.closed_at + ${window(days)})
    OR (b.caller_onset_at > a.closed_at AND b.caller_onset_at <= a.closed_at + ${window(days)}))`;

/**
 * A time as UTC wall-clock time, exact and in the same order: the rebound look-ups compare times
 * so, because only the rebound indexes are built on it. On the bare column, the planner could take
 * the index on the time alone, reading every case of the window (migration 1764000000260).
 */
const utc = (time: string) => `((${time}) AT TIME ZONE 'UTC')`;
/** `later` falls after `closed` and within the window. */
const afterWithin = (later: string, closed: string, days: string) =>
  `${utc(later)} > ${utc(closed)} AND ${utc(later)} <= ${utc(`${closed} + ${window(days)}`)}`;
/** `closed` falls before `later` and within the window before it. */
const beforeWithin = (closed: string, later: string, days: string) =>
  `${utc(closed)} < ${utc(later)} AND ${utc(closed)} >= ${utc(`${later} - ${window(days)}`)}`;

const DISTANCE = `
  SELECT 2 * ${EARTH_RADIUS} * asin(sqrt(
           power(sin(radians(b.lat - a.lat) / 2), 2) +
           cos(radians(a.lat)) * cos(radians(b.lat)) * power(sin(radians(b.lng - a.lng) / 2), 2))) AS metres`;

/**
 * The bands within `radius` metres (a metre more, for rounding) of `row`'s point, as an array for
 * an index condition. Along the meridian a pair's distance is at least its arc of latitude. Along
 * the parallels, hav(d/R) >= cos(lat1) cos(lat2) hav(dlng) bounds the difference of longitude,
 * with the other latitude at most that far nearer the pole. (Not for cases astride the 180th
 * meridian.)
 */
const reach = (radius: string) => `((${radius}::float8 + 1) / ${EARTH_RADIUS})`;
const bands = (centre: string, by: string) =>
  `ARRAY(SELECT generate_series(floor((${centre} - ${by}) * ${EARTH_RADIUS} / ${BAND_METRES})::int,
                                floor((${centre} + ${by}) * ${EARTH_RADIUS} / ${BAND_METRES})::int))`;
const lngReach = (row: string, radius: string) =>
  `2 * asin(least(1, sqrt(power(sin(${reach(radius)} / 2), 2) /
     greatest(1e-12, cos(radians(${row}.lat)) * cos(least(pi() / 2, abs(radians(${row}.lat)) + ${reach(radius)}))))))`;

/**
 * `body` (a query over `cases` that may name `s`) once per square within `radius` metres of
 * `row`'s point, `s` being the square (s.lat_band, s.lng_band): one index scan a square, on
 * (category, squares, time). `OFFSET 0` keeps the body a subquery of its own, planned with the
 * square given: flattened into a join, the planner may read the category's whole window through
 * another index instead, guessing (from no statistics on a range between two columns) that it is
 * small.
 */
const overSquares = (row: string, radius: string, body: string) => `
  SELECT found.* FROM (
    SELECT lat_band, lng_band FROM unnest(${bands(`radians(${row}.lat)`, reach(radius))}) AS lat_band
     CROSS JOIN unnest(${bands(`radians(${row}.lng)`, lngReach(row, radius))}) AS lng_band
  ) s CROSS JOIN LATERAL (${body} OFFSET 0) found`;
/** `candidate` is of `row`'s category and in the square `s` (overSquares). */
const inSquare = (candidate: string, row: string) =>
  `${candidate}.category_code = ${row}.category_code
   AND ${candidate}.lat_band = s.lat_band AND ${candidate}.lng_band = s.lng_band`;
/** `candidate` is of `row`'s category and grid cell: the same-cell branch of the relation. */
const sameCell = (candidate: string, row: string) =>
  `${candidate}.category_code = ${row}.category_code AND ${candidate}.grid_cell_code = ${row}.grid_cell_code`;

/**
 * The cases `candidate` of `row`'s category near `row` or in its cell whose `time` is `within`:
 * the four index look-ups of the relation (squares or cell, by report or by onset), which may
 * overlap.
 */
const nearOrInCell = (
  candidate: string,
  row: string,
  radius: string,
  within: (time: string) => string,
  times: readonly string[],
) =>
  times
    .flatMap((time) => [
      overSquares(
        row,
        radius,
        `SELECT * FROM cases ${candidate} WHERE ${inSquare(candidate, row)} AND ${within(time)}`,
      ),
      `SELECT * FROM cases ${candidate} WHERE ${sameCell(candidate, row)} AND ${within(time)}`,
    ])
    .join(' UNION ALL ');

/** A later case `b` of the relation, as (case_id, reported_at, metres). */
const LATER = `SELECT b.case_id, b.reported_at, d.metres FROM cases b CROSS JOIN LATERAL (${DISTANCE}) d`;

/**
 * Every pair (a_id, b_id, distance_metres to 0.1 m, b_reported_at), once, whose closed case is a
 * row of `closed` (a CTE), its later cases looked up through the indexes on (category, squares,
 * time) and on (category, cell, time), then kept by the relation. `radius` and `days` name the
 * parameters of the rules.
 */
export const pairsOfClosedSql = (radius: string, days: string) => `
    SELECT DISTINCT a.case_id AS a_id, b.case_id AS b_id, round(d.metres::numeric, 1)::float8 AS distance_metres,
           b.reported_at AS b_reported_at
      FROM closed a CROSS JOIN LATERAL (
        ${nearOrInCell('b', 'a', radius, (time) => afterWithin(`b.${time}`, 'a.closed_at', days), ['reported_at', 'caller_onset_at'])}
      ) b CROSS JOIN LATERAL (${DISTANCE}) d
     WHERE ${rebounds(radius, days)}`;

/**
 * The first rebound of each row of `closed` (the earliest reported later case of the relation,
 * then by id), as (a_id, b_id, distance_metres), found without reading every pair. A case's caller
 * onset is never after its report (the check cases_onset_not_after_report), so a case in the
 * relation through its onset alone was reported after the window, later than any case reported in
 * it. Hence:
 * - first the earliest case reported in the window: in each square within reach and in the closed
 *   case's cell, an index scan in time order that stops at its first case of the relation;
 * - only if there is none, the cases whose onset falls in the window, every one, the earliest
 *   reported kept.
 */
export const firstOfClosedSql = (radius: string, days: string) => {
  const reportedFirst = (where: string) => `
    ${LATER} WHERE ${where} AND ${afterWithin('b.reported_at', 'a.closed_at', days)} AND ${rebounds(radius, days)}
     ORDER BY ${utc('b.reported_at')}, b.case_id LIMIT 1`;
  const byOnset = (where: string) => `
    ${LATER} WHERE ${where} AND ${afterWithin('b.caller_onset_at', 'a.closed_at', days)} AND ${rebounds(radius, days)}`;
  return `
    SELECT a.case_id AS a_id, coalesce(r.case_id, o.case_id) AS b_id,
           round(coalesce(r.metres, o.metres)::numeric, 1)::float8 AS distance_metres
      FROM closed a
      LEFT JOIN LATERAL (
        SELECT * FROM (
          ${overSquares('a', radius, reportedFirst(inSquare('b', 'a')))}
          UNION ALL (${reportedFirst(sameCell('b', 'a'))})
        ) reported ORDER BY reported_at, case_id LIMIT 1
      ) r ON true
      LEFT JOIN LATERAL (
        SELECT * FROM (
          ${overSquares('a', radius, byOnset(inSquare('b', 'a')))}
          UNION ALL ${byOnset(sameCell('b', 'a'))}
        ) onset WHERE r.case_id IS NULL ORDER BY reported_at, case_id LIMIT 1
      ) o ON true
     WHERE coalesce(r.case_id, o.case_id) IS NOT NULL`;
};

/**
 * The closed cases whose first rebound the cases $1 ($2 metres, $3 days) may be now: those they
 * may rebound, less those whose first rebound was reported before (earlier, then by id): a later
 * case joining their relation cannot come first. (A case whose first rebound is itself among $1
 * is looked at again anyway.) Cases mostly arrive in time order, so most of these are skipped.
 */
export const CLOSED_NEAR_LATER = `
  SELECT DISTINCT a.case_id FROM cases b CROSS JOIN LATERAL (
    ${nearOrInCell('a', 'b', '$2', (time) => beforeWithin('a.closed_at', `b.${time}`, '$3'), ['reported_at', 'caller_onset_at'])}
  ) a
  WHERE b.case_id = ANY ($1::uuid[]) AND b.category_code IS NOT NULL AND a.closed_at IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM rebounds r JOIN cases f ON f.case_id = r.rebound_case_id
                     WHERE r.case_id = a.case_id AND (f.reported_at, f.case_id) < (b.reported_at, b.case_id))`;

/** Each case of $1's first rebound, written afresh. */
const WRITE_FIRST = `
  WITH closed AS (SELECT * FROM cases WHERE case_id = ANY ($1::uuid[]) AND closed_at IS NOT NULL)
  INSERT INTO rebounds (case_id, rebound_case_id, distance_metres)
  ${firstOfClosedSql('$2', '$3')}`;

/**
 * Every closed case's first rebound by the definition alone (no index, no band), for $1 metres and
 * $2 days: what the table `rebounds` must always equal.
 */
export const ALL_REBOUNDS_SQL = `
  SELECT DISTINCT ON (a.case_id) a.case_id, b.case_id AS rebound_case_id,
         round(d.metres::numeric, 1)::float8 AS distance_metres
    FROM cases a JOIN cases b ON b.category_code = a.category_code
    CROSS JOIN LATERAL (${DISTANCE}) d
   WHERE ${rebounds('$1', '$2')}
   ORDER BY a.case_id, b.reported_at, b.case_id`;

/** What a case's rebounds depend on, in `cases`: a change to any of these refreshes them. */
export const REBOUND_FIELDS = [
  'category_code',
  'grid_cell_code',
  'lat',
  'lng',
  'reported_at',
  'caller_onset_at',
  'rejected_at',
  'closed_at',
] as const;

/**
 * Keeps `rebounds` true as cases change: one row per closed case that rebounded, naming its first
 * rebound (the earliest reported later case of the relation), so the table grows with the cases,
 * not with the pairs. Whether A rebounded depends on A's row and its partners' rows only, so when
 * case X changes, the closed cases to look at again are X itself, those whose first rebound was X
 * (X may have left them), and those X may rebound now (X may have joined them, or come first).
 * Any other closed case keeps its first rebound. Both rows of a pair are refreshed under the lock
 * of their category (taken last in the transaction, in order), so two transactions changing the
 * two cases of a pair see each other's rows.
 */
export class ReboundPairs {
  constructor(private readonly rules: ReboundRules) {}

  async refresh(
    changed: readonly { caseId: string; categoryCode: string | null }[],
    manager: EntityManager,
  ): Promise<void> {
    if (!(await this.begin(changed, manager))) return;
    const ids = changed.map((c) => c.caseId);
    const [{ affected }] = await manager.query<{ affected: string[] }[]>(
      `SELECT array(SELECT unnest($1::uuid[])
                    UNION SELECT case_id FROM rebounds WHERE rebound_case_id = ANY ($1::uuid[])
                    UNION ${CLOSED_NEAR_LATER})::text[] AS affected`,
      [ids, this.rules.reboundRadiusMetres, this.rules.reboundWindowDays],
    );
    await this.writeFirst(affected, manager);
  }

  /**
   * Writes the first rebound of each of the cases as the closed case, looking no further (the
   * rebuild's last step: once every case has gone through it, every row is in).
   */
  async addAsClosed(
    cases: readonly { caseId: string; categoryCode: string | null }[],
    manager: EntityManager,
  ): Promise<void> {
    if (!(await this.begin(cases, manager))) return;
    await this.writeFirst(
      cases.map((c) => c.caseId),
      manager,
    );
  }

  private async writeFirst(ids: readonly string[], manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM rebounds WHERE case_id = ANY ($1::uuid[])', [ids]);
    await manager.query(WRITE_FIRST, [ids, this.rules.reboundRadiusMetres, this.rules.reboundWindowDays]);
  }

  /**
   * Readies the transaction for the look-ups: takes the locks of the cases' categories, and turns
   * JIT compilation off for the rest of it (the look-ups are many small index scans, which the
   * planner's cost for a batch puts above the JIT threshold: compiling them took two of the three
   * seconds of 2,000 closed cases, docs/PERFORMANCE.md). False when no case has a category (then
   * it has no pair).
   */
  private async begin(
    cases: readonly { categoryCode: string | null }[],
    manager: EntityManager,
  ): Promise<boolean> {
    const categories = cases.map((c) => c.categoryCode).filter((c) => c !== null);
    await manager.query('SET LOCAL jit = off');
    await lockInOrder(
      manager,
      categories.map((category) => `cityloop.rebound:${category}`),
    );
    return categories.length > 0;
  }
}
