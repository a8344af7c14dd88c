/**
 * The oracle's case record: one row per case, rebuilt straight from the four event stores, one CTE
 * per row of docs/METRICS.md's table "The case record". Written from that page alone, never from
 * the projection's code.
 *
 * Time is business time only: an event's `occurred_at`, or the payload instant METRICS.md names
 * (`onsetAt`, `PatrolPassLogged.passedAt`, `deadlineAt`). "First" and "latest" of events of one
 * stream order by (occurred_at, stream_version); "came after" across two services' streams means a
 * strictly later occurred_at.
 */

export interface OracleSchemas {
  intake: string;
  dispatch: string;
  disposal: string;
  verification: string;
}

export const DEFAULT_SCHEMAS: OracleSchemas = {
  intake: 'intake',
  dispatch: 'dispatch',
  disposal: 'disposal',
  verification: 'verification',
};

/** `"schema".events`, the identifier quoted. */
export const eventsOf = (schema: string): string => `"${schema.replace(/"/g, '""')}".events`;

/**
 * The CTEs (without the leading WITH) ending in `case_facts`: one row per case with
 * case_id, category_code, street_id, grid_cell_code, lat, lng, reported_at, first_source,
 * onset_at, onset_basis, rejected, filed_at, first_dispatched_at, order_id, department_id,
 * dispatched_at, deadline_at, department_count, signed_at, disposed_at, verification_failures,
 * extended, postponed, closed_at, satisfaction, followed_up_at.
 */
export function caseFactsCtes(schemas: OracleSchemas): string {
  const intake = eventsOf(schemas.intake);
  const dispatch = eventsOf(schemas.dispatch);
  const disposal = eventsOf(schemas.disposal);
  const verification = eventsOf(schemas.verification);
  return `
  -- reported_at = CaseReported.occurredAt (the first report); first_source = CaseReported.source.
  -- The case's category, cell, street ("the street of its first report's grid cell") and point
  -- come from the same first report.
  first_report AS (
    SELECT DISTINCT ON (e.case_id)
      e.case_id,
      e.occurred_at AS reported_at,
      e.payload ->> 'source' AS first_source,
      e.payload ->> 'categoryCode' AS category_code,
      e.payload ->> 'gridCellCode' AS grid_cell_code,
      e.payload ->> 'streetId' AS street_id,
      (e.payload -> 'location' ->> 'lat')::float8 AS lat,
      (e.payload -> 'location' ->> 'lng')::float8 AS lng
    FROM ${intake} e
    WHERE e.type = 'CaseReported'
    ORDER BY e.case_id, e.occurred_at, e.stream_version
  ),

  -- onset (caller): "the earliest 'since when' (onsetAt) given by any report of the case"
  -- (CaseReported and every ReportAttached); used only "if it is not after the first report".
  caller_onset AS (
    SELECT e.case_id, min((e.payload ->> 'onsetAt')::timestamptz) AS earliest_onset_at
    FROM ${intake} e
    WHERE e.type IN ('CaseReported', 'ReportAttached') AND e.payload ->> 'onsetAt' IS NOT NULL
    GROUP BY e.case_id
  ),

  -- onset (patrol-pass): "the last logged patrol pass (PatrolPassLogged.passedAt) over the case's
  -- cell strictly before the first report".
  patrol_pass AS (
    SELECT cell.code AS grid_cell_code, (e.payload ->> 'passedAt')::timestamptz AS passed_at
    FROM ${intake} e
    CROSS JOIN LATERAL jsonb_array_elements_text(e.payload -> 'cellCodes') AS cell(code)
    WHERE e.type = 'PatrolPassLogged'
  ),
  -- Each cell's passes and first reports on one timeline, a report before a pass of the same
  -- instant (strictly before); at a report, the running max of passed_at is the last pass before it.
  patrol_onset AS (
    SELECT case_id, last_pass_at
    FROM (
      SELECT
        t.case_id,
        max(t.passed_at) OVER (PARTITION BY t.grid_cell_code ORDER BY t.instant, t.is_pass ROWS UNBOUNDED PRECEDING)
          AS last_pass_at
      FROM (
        SELECT p.grid_cell_code, p.passed_at AS instant, true AS is_pass, NULL::uuid AS case_id, p.passed_at
        FROM patrol_pass p
        UNION ALL
        SELECT r.grid_cell_code, r.reported_at, false, r.case_id, NULL
        FROM first_report r
      ) t
    ) cell_timeline
    WHERE case_id IS NOT NULL
  ),

  -- onset_at, onset_basis: caller, else patrol-pass, else unknown (null).
  onset AS (
    SELECT
      r.case_id,
      CASE
        WHEN c.earliest_onset_at <= r.reported_at THEN c.earliest_onset_at
        ELSE p.last_pass_at
      END AS onset_at,
      CASE
        WHEN c.earliest_onset_at <= r.reported_at THEN 'caller'
        WHEN p.last_pass_at IS NOT NULL THEN 'patrol-pass'
      END AS onset_basis
    FROM first_report r
    LEFT JOIN caller_onset c USING (case_id)
    LEFT JOIN patrol_onset p USING (case_id)
  ),

  -- Rejected at filing (不予立案): a CaseRejected exists.
  rejection AS (
    SELECT DISTINCT e.case_id FROM ${intake} e WHERE e.type = 'CaseRejected'
  ),

  -- filed_at = first CaseFiled.
  filing AS (
    SELECT e.case_id, min(e.occurred_at) AS filed_at
    FROM ${intake} e
    WHERE e.type = 'CaseFiled'
    GROUP BY e.case_id
  ),

  -- first_dispatched_at = first CaseDispatched; department_count = distinct departments over all
  -- CaseDispatched of the case.
  dispatches AS (
    SELECT
      e.case_id,
      min(e.occurred_at) AS first_dispatched_at,
      count(DISTINCT e.payload ->> 'departmentId') AS department_count
    FROM ${dispatch} e
    WHERE e.type = 'CaseDispatched'
    GROUP BY e.case_id
  ),

  -- current order = the latest CaseDispatched (by business time, then stream version):
  -- order_id, department_id, dispatched_at.
  current_order AS (
    SELECT DISTINCT ON (e.case_id)
      e.case_id,
      e.payload ->> 'orderId' AS order_id,
      e.payload ->> 'departmentId' AS department_id,
      e.occurred_at AS dispatched_at
    FROM ${dispatch} e
    WHERE e.type = 'CaseDispatched'
    ORDER BY e.case_id, e.occurred_at DESC, e.stream_version DESC
  ),

  -- deadline_at = the current order's latest deadline: its CaseDispatched.deadlineAt, moved by
  -- ExtensionApproved and CaseResumed of that order, the latest (event) in business time.
  deadline AS (
    SELECT DISTINCT ON (e.case_id) e.case_id, (e.payload ->> 'deadlineAt')::timestamptz AS deadline_at
    FROM ${dispatch} e
    JOIN current_order o ON o.case_id = e.case_id AND o.order_id = e.payload ->> 'orderId'
    WHERE e.type IN ('CaseDispatched', 'ExtensionApproved', 'CaseResumed')
    ORDER BY e.case_id, e.occurred_at DESC, e.stream_version DESC
  ),

  -- extended = an ExtensionApproved of the current order exists.
  extension AS (
    SELECT DISTINCT e.case_id
    FROM ${dispatch} e
    JOIN current_order o ON o.case_id = e.case_id AND o.order_id = e.payload ->> 'orderId'
    WHERE e.type = 'ExtensionApproved'
  ),

  -- postponed = a CasePostponed with no later CaseResumed (缓办/挂账 now): the latest of the
  -- case's CasePostponed and CaseResumed is a CasePostponed.
  postponement AS (
    SELECT DISTINCT ON (e.case_id) e.case_id, e.type = 'CasePostponed' AS postponed
    FROM ${dispatch} e
    WHERE e.type IN ('CasePostponed', 'CaseResumed')
    ORDER BY e.case_id, e.occurred_at DESC, e.stream_version DESC
  ),

  -- signed_at = the current order's first OrderSigned.
  signing AS (
    SELECT e.case_id, min(e.occurred_at) AS signed_at
    FROM ${disposal} e
    JOIN current_order o ON o.case_id = e.case_id AND o.order_id = e.payload ->> 'orderId'
    WHERE e.type = 'OrderSigned'
    GROUP BY e.case_id
  ),

  -- disposed_at = the current order's latest DisposalReported, unless a VerificationFailed or
  -- OrderSentBackForRework of that order came after it (then null: the order is back in rework).
  -- That is: the latest of the order's DisposalReported, OrderSentBackForRework (both in the
  -- order's stream, ordered by business time then stream version) and VerificationFailed (another
  -- service's stream: after only when strictly later) is a DisposalReported.
  -- (same_instant_rank: at one instant, a VerificationFailed sorts below the order stream's events.)
  order_outcome AS (
    SELECT DISTINCT ON (o.case_id) o.case_id, x.type, x.occurred_at
    FROM current_order o
    JOIN (
      SELECT e.payload ->> 'orderId' AS order_id, e.type, e.occurred_at, 1 AS same_instant_rank, e.stream_version
      FROM ${disposal} e
      WHERE e.type IN ('DisposalReported', 'OrderSentBackForRework')
      UNION ALL
      SELECT e.payload ->> 'orderId', e.type, e.occurred_at, 0, 0
      FROM ${verification} e
      WHERE e.type = 'VerificationFailed'
    ) x ON x.order_id = o.order_id
    ORDER BY o.case_id, x.occurred_at DESC, x.same_instant_rank DESC, x.stream_version DESC
  ),
  disposed AS (
    SELECT case_id, occurred_at AS disposed_at FROM order_outcome WHERE type = 'DisposalReported'
  ),

  -- verification_failures = number of VerificationFailed of the case (all orders).
  failures AS (
    SELECT e.case_id, count(*)::int AS verification_failures
    FROM ${verification} e
    WHERE e.type = 'VerificationFailed'
    GROUP BY e.case_id
  ),

  -- closed_at = the latest CaseClosed, unless a CaseReopened came after it (then null: 重办).
  -- That is: the latest of the case's CaseClosed (verification) and CaseReopened (intake, another
  -- service: after only when strictly later) is a CaseClosed.
  closure_outcome AS (
    SELECT DISTINCT ON (x.case_id) x.case_id, x.type, x.occurred_at
    FROM (
      SELECT e.case_id, e.type, e.occurred_at FROM ${verification} e WHERE e.type = 'CaseClosed'
      UNION ALL
      SELECT e.case_id, e.type, e.occurred_at FROM ${intake} e WHERE e.type = 'CaseReopened'
    ) x
    ORDER BY x.case_id, x.occurred_at DESC, x.type = 'CaseClosed' DESC
  ),
  closure AS (
    SELECT case_id, occurred_at AS closed_at FROM closure_outcome WHERE type = 'CaseClosed'
  ),

  -- satisfaction, followed_up_at = the first FollowUpRecorded (the verdict on the first closure).
  follow_up AS (
    SELECT DISTINCT ON (e.case_id)
      e.case_id, e.payload ->> 'satisfaction' AS satisfaction, e.occurred_at AS followed_up_at
    FROM ${intake} e
    WHERE e.type = 'FollowUpRecorded'
    ORDER BY e.case_id, e.occurred_at, e.stream_version
  ),

  -- The case record.
  case_facts AS (
    SELECT
      r.case_id, r.category_code, r.street_id, r.grid_cell_code, r.lat, r.lng,
      r.reported_at, r.first_source,
      n.onset_at, n.onset_basis,
      (j.case_id IS NOT NULL) AS rejected,
      f.filed_at,
      d.first_dispatched_at,
      o.order_id, o.department_id, o.dispatched_at,
      dl.deadline_at,
      coalesce(d.department_count, 0)::int AS department_count,
      s.signed_at,
      dp.disposed_at,
      coalesce(vf.verification_failures, 0) AS verification_failures,
      (x.case_id IS NOT NULL) AS extended,
      coalesce(pp.postponed, false) AS postponed,
      c.closed_at,
      fu.satisfaction, fu.followed_up_at
    FROM first_report r
    JOIN onset n USING (case_id)
    LEFT JOIN rejection j USING (case_id)
    LEFT JOIN filing f USING (case_id)
    LEFT JOIN dispatches d USING (case_id)
    LEFT JOIN current_order o USING (case_id)
    LEFT JOIN deadline dl USING (case_id)
    LEFT JOIN signing s USING (case_id)
    LEFT JOIN disposed dp USING (case_id)
    LEFT JOIN failures vf USING (case_id)
    LEFT JOIN extension x USING (case_id)
    LEFT JOIN postponement pp USING (case_id)
    LEFT JOIN closure c USING (case_id)
    LEFT JOIN follow_up fu USING (case_id)
  )`;
}
