import { caseFactsCtes, type OracleSchemas } from './case-facts';

/** "an instant belongs to the period when local(from) 00:00 <= instant < local(to + 1 day) 00:00" */
const inPeriod = (instant: string): string => `(${instant} >= p.starts AND ${instant} < p.ends)`;

/** A duration in seconds, exact (numeric) before it becomes double precision. */
const seconds = (from: string, to: string): string => `extract(epoch FROM ${to} - ${from})::float8`;

/** The rebound window: windowDays days of 24 h. */
const windowEnd = (closedAt: string): string => `${closedAt} + $7::float8 * interval '24 hours'`;

/** Great-circle distance in metres between two first reports' points (haversine, R = 6,371,008.8 m). */
const distanceMetres = (a: string, b: string): string => `
      2 * 6371008.8 * asin(least(1, sqrt(
        power(sin(radians(${b}.lat - ${a}.lat) / 2), 2)
        + cos(radians(${a}.lat)) * cos(radians(${b}.lat)) * power(sin(radians(${b}.lng - ${a}.lng) / 2), 2)
      )))`;

/**
 * The oracle's figures per subject (street or department), from the case record of case-facts.ts,
 * after docs/METRICS.md's sections Ground rules, Durations, Rates, Rebound and Hotline.
 *
 * Parameters: $1 from, $2 to (local dates, both inclusive), $3 time zone, $4 category code or
 * null, $5 asOf, $6 radius in metres, $7 window in days of 24 h, $8 subject ('street' or
 * 'department'), $9 disposal clock start ('dispatch' or 'sign').
 *
 * One row per subject having a case in any figure's population: the counts as integer columns,
 * the duration statistics as one jsonb object keyed by figure (a figure with no case is absent).
 */
export function figuresSql(schemas: OracleSchemas): string {
  return `
WITH ${caseFactsCtes(schemas)},

  -- Periods are local dates in the district's time zone, from and to both inclusive.
  period AS (
    SELECT
      ($1::date)::timestamp AT TIME ZONE $3::text AS starts,
      ($2::date + 1)::timestamp AT TIME ZONE $3::text AS ends
  ),

  -- The cases of the category asked for (all when none), each charged to its subject: "the street
  -- of its first report's grid cell", or "the department of its current order" (none when never
  -- dispatched). The disposal clock starts at the current order's dispatch, or at its signing
  -- where the district's rules.disposalClockFrom is 'sign'.
  scoped AS (
    SELECT
      f.*,
      CASE WHEN $8::text = 'street' THEN f.street_id ELSE f.department_id END AS subject_id,
      CASE WHEN $9::text = 'sign' THEN f.signed_at ELSE f.dispatched_at END AS clock_started_at
    FROM case_facts f
    WHERE $4::text IS NULL OR f.category_code = $4::text
  ),

  -- Rebound (整治反弹): B rebounds A when A is closed (closed_at), B is another case not rejected,
  -- B has A's category, B lies in A's grid cell or within radiusMetres of A (great-circle distance
  -- between the two first reports' points), and B's first report, or B's caller-given onset, falls
  -- in (A.closed_at, A.closed_at + windowDays]. A patrol-pass onset never makes a rebound.
  rebound_pair AS (
    SELECT a.case_id AS closed_case_id, b.case_id AS rebound_case_id
    FROM scoped a
    CROSS JOIN period p
    JOIN scoped b ON b.category_code = a.category_code AND b.case_id <> a.case_id AND NOT b.rejected
    WHERE a.closed_at IS NOT NULL AND NOT a.rejected AND ${inPeriod('a.closed_at')}
      AND (b.grid_cell_code = a.grid_cell_code OR ${distanceMetres('a', 'b')} <= $6::float8)
      AND (
        (b.reported_at > a.closed_at AND b.reported_at <= ${windowEnd('a.closed_at')})
        OR (
          b.onset_basis = 'caller'
          AND b.onset_at > a.closed_at AND b.onset_at <= ${windowEnd('a.closed_at')}
        )
      )
  ),
  rebounded AS (
    SELECT DISTINCT closed_case_id AS case_id FROM rebound_pair
  ),

  -- Where each case's instants fall. Cases rejected at filing count only in the hotline response
  -- rate (a filing decision), nowhere else: every other population says NOT rejected.
  dated AS (
    SELECT
      c.*,
      ${inPeriod('c.reported_at')} AS reported_in_period,
      ${inPeriod('c.filed_at')} AS filed_in_period,
      ${inPeriod('c.first_dispatched_at')} AS first_dispatched_in_period,
      ${inPeriod('c.disposed_at')} AS disposed_in_period,
      ${inPeriod('c.closed_at')} AS closed_in_period,
      -- "A case is due in the period when its deadline_at falls in it."
      ${inPeriod('c.deadline_at')} AS due,
      -- Hotline cases: first source hotline, first reported in the period (rejected ones included).
      (c.first_source = 'hotline' AND ${inPeriod('c.reported_at')}) AS hotline,
      (rb.case_id IS NOT NULL) AS rebounded
    FROM scoped c
    CROSS JOIN period p
    LEFT JOIN rebounded rb USING (case_id)
    WHERE c.subject_id IS NOT NULL
  ),

  -- Every duration, counted in the period in which it ends.
  durations AS (
    -- time-to-discover: onset_at -> reported_at, in the period of reported_at; cases not rejected,
    -- onset known (unknownOnset counts those without, never as 0)
    SELECT subject_id, 'timeToDiscover' AS figure, ${seconds('onset_at', 'reported_at')} AS seconds
    FROM dated WHERE NOT rejected AND reported_in_period AND onset_at IS NOT NULL
    UNION ALL
    -- time-to-file: reported_at -> filed_at, in the period of filed_at; filed cases
    SELECT subject_id, 'timeToFile', ${seconds('reported_at', 'filed_at')}
    FROM dated WHERE NOT rejected AND filed_in_period
    UNION ALL
    -- time-to-dispatch: filed_at -> first_dispatched_at, in the period of first_dispatched_at;
    -- dispatched cases (that were filed)
    SELECT subject_id, 'timeToDispatch', ${seconds('filed_at', 'first_dispatched_at')}
    FROM dated WHERE NOT rejected AND first_dispatched_in_period AND filed_at IS NOT NULL
    UNION ALL
    -- time-to-dispose (calendar): clock start -> disposed_at, in the period of disposed_at;
    -- disposed cases (whose clock started)
    SELECT subject_id, 'timeToDispose', ${seconds('clock_started_at', 'disposed_at')}
    FROM dated WHERE NOT rejected AND disposed_in_period AND clock_started_at IS NOT NULL
    UNION ALL
    -- time-to-close: reported_at -> closed_at, in the period of closed_at; closed cases
    SELECT subject_id, 'timeToClose', ${seconds('reported_at', 'closed_at')}
    FROM dated WHERE NOT rejected AND closed_in_period
  ),

  -- count, mean, median, p90 (percentile_cont: linear interpolation) and max, in seconds.
  duration_stats AS (
    SELECT subject_id, jsonb_object_agg(figure, stats) AS durations
    FROM (
      SELECT
        subject_id,
        figure,
        jsonb_build_object(
          'count', count(*),
          'mean', avg(seconds),
          'median', percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds),
          'p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds),
          'max', max(seconds)
        ) AS stats
      FROM durations
      GROUP BY subject_id, figure
    ) per_figure
    GROUP BY subject_id
  ),

  counts AS (
    SELECT
      subject_id,
      -- Per subject, over cases not rejected first reported in the period: reported, proactive
      -- (first source patrol or video), missed reports (first source hotline, app or open311; a
      -- case's first report is its problem's first report, so nothing proactive came before it).
      -- Imported cases are neither proactive nor missed.
      count(*) FILTER (WHERE NOT rejected AND reported_in_period AND onset_at IS NULL)::int AS unknown_onset,
      count(*) FILTER (WHERE NOT rejected AND reported_in_period)::int AS reported,
      count(*) FILTER (
        WHERE NOT rejected AND reported_in_period AND first_source IN ('patrol', 'video')
      )::int AS proactive,
      count(*) FILTER (
        WHERE NOT rejected AND reported_in_period AND first_source IN ('hotline', 'app', 'open311')
      )::int AS missed_reports,

      -- Rates over the cases due in the period.
      count(*) FILTER (WHERE NOT rejected AND due)::int AS due,
      -- disposal 处置率: disposed_at set / due
      count(*) FILTER (WHERE NOT rejected AND due AND disposed_at IS NOT NULL)::int AS disposal,
      -- on-time disposal 按期处置率: disposed_at <= deadline_at / due
      count(*) FILTER (WHERE NOT rejected AND due AND disposed_at <= deadline_at)::int AS on_time_disposal,
      -- rework 返工率: verification_failures >= 1 / due
      count(*) FILTER (WHERE NOT rejected AND due AND verification_failures >= 1)::int AS rework,
      -- overdue-open 超期待处置率: not disposed, not closed, not postponed, deadline_at < asOf / due
      count(*) FILTER (
        WHERE NOT rejected AND due
          AND disposed_at IS NULL AND closed_at IS NULL AND NOT postponed AND deadline_at < $5::timestamptz
      )::int AS overdue_open,
      -- extension 延期率: extended / due
      count(*) FILTER (WHERE NOT rejected AND due AND extended)::int AS extension,
      -- closure 结案率 and on-time closure 按期结案率: over due less postponed
      count(*) FILTER (WHERE NOT rejected AND due AND NOT postponed)::int AS due_not_postponed,
      count(*) FILTER (WHERE NOT rejected AND due AND NOT postponed AND closed_at IS NOT NULL)::int AS closure,
      count(*) FILTER (
        WHERE NOT rejected AND due AND NOT postponed AND closed_at <= deadline_at
      )::int AS on_time_closure,
      -- wrong dispatch 错派率: department_count >= 2 / due
      count(*) FILTER (WHERE NOT rejected AND due AND department_count >= 2)::int AS wrong_dispatch,

      -- Rebound rate = cases closed in the period that rebounded / cases closed in the period;
      -- provisional while max(closed_at in period) + window > asOf.
      count(*) FILTER (WHERE NOT rejected AND closed_in_period)::int AS closed,
      count(*) FILTER (WHERE NOT rejected AND closed_in_period AND rebounded)::int AS rebounded,
      coalesce(
        ${windowEnd('max(closed_at) FILTER (WHERE NOT rejected AND closed_in_period)')} > $5::timestamptz,
        false
      ) AS provisional,

      -- Hotline (12345), over hotline cases first reported in the period:
      count(*) FILTER (WHERE hotline)::int AS hotline_cases,
      -- response 响应率 = cases with a filing decision (filed or rejected) / hotline cases
      count(*) FILTER (WHERE hotline AND (filed_at IS NOT NULL OR rejected))::int AS hotline_responded,
      -- resolution 解决率 = closed cases / filed cases
      count(*) FILTER (WHERE hotline AND NOT rejected AND filed_at IS NOT NULL)::int AS hotline_filed,
      count(*) FILTER (
        WHERE hotline AND NOT rejected AND filed_at IS NOT NULL AND closed_at IS NOT NULL
      )::int AS hotline_resolved,
      -- satisfaction 满意率 = (satisfied + basically) / cases with a follow-up (first verdict)
      count(*) FILTER (WHERE hotline AND NOT rejected AND followed_up_at IS NOT NULL)::int AS hotline_followed_up,
      count(*) FILTER (
        WHERE hotline AND NOT rejected AND satisfaction IN ('satisfied', 'basically')
      )::int AS hotline_satisfied,

      -- Whether the subject has a case in any figure's population.
      bool_or(
        hotline
        OR (NOT rejected AND (
          reported_in_period OR filed_in_period OR first_dispatched_in_period
          OR disposed_in_period OR closed_in_period OR due
        ))
      ) AS in_any_population
    FROM dated
    GROUP BY subject_id
  )

SELECT c.*, coalesce(s.durations, '{}'::jsonb) AS durations
FROM counts c
LEFT JOIN duration_stats s USING (subject_id)
WHERE c.in_any_population
ORDER BY c.subject_id`;
}
