/**
 * Rebound (整治反弹, docs/METRICS.md): `closed` is the cases closed in the period ($1 <= closed_at <
 * $2, category $3 or all); `pairs` links each to every later case B of its category, not rejected,
 * in its cell or within $4 metres (great-circle, between the first reports' points), whose first
 * report or caller-given onset falls in (closed_at, closed_at + $5 days of 24 h].
 */
export const REBOUND_PAIRS_SQL = `
  WITH closed AS (
    SELECT * FROM cases
     WHERE closed_at >= $1 AND closed_at < $2 AND ($3::text IS NULL OR category_code = $3)
  ),
  pairs AS (
    SELECT a.case_id AS a_id, b.case_id AS b_id, a.street_id AS a_street, a.department_id AS a_department,
           a.category_code, a.closed_at AS a_closed_at, b.reported_at AS b_reported_at,
           round(d.metres::numeric, 1)::float8 AS distance_metres
      FROM closed a
      JOIN cases b ON b.category_code = a.category_code AND b.case_id <> a.case_id AND b.rejected_at IS NULL
      CROSS JOIN LATERAL (
        SELECT 2 * 6371008.8 * asin(sqrt(
                 power(sin(radians(b.lat - a.lat) / 2), 2) +
                 cos(radians(a.lat)) * cos(radians(b.lat)) * power(sin(radians(b.lng - a.lng) / 2), 2))) AS metres
      ) d
     WHERE (b.grid_cell_code = a.grid_cell_code OR d.metres <= $4::float8)
       AND ((b.reported_at > a.closed_at AND b.reported_at <= a.closed_at + $5::int * interval '24 hours')
         OR (b.caller_onset_at > a.closed_at AND b.caller_onset_at <= a.closed_at + $5::int * interval '24 hours'))
  )`;
