import { pairsOfClosedSql } from '@cityloop/read-models';

/** The cases closed in the period ($1 <= closed_at < $2, category $3 or all). */
export const CLOSED_IN_PERIOD_SQL = `
  WITH closed AS (
    SELECT * FROM cases
     WHERE closed_at >= $1 AND closed_at < $2 AND ($3::text IS NULL OR category_code = $3)
  )`;

/**
 * Rebound (整治反弹, docs/METRICS.md): every pair of a case closed in the period and a later case
 * that rebounded it ($4 metres, $5 days), looked up through the indexes the projection keeps
 * (libs/read-models/src/rebound-pairs.ts). Whether a closed case rebounded is stored (`rebounds`);
 * the pairs behind it are for the drill-down.
 */
export const REBOUND_PAIRS_SQL = `${CLOSED_IN_PERIOD_SQL},
  pairs AS (${pairsOfClosedSql('$4', '$5')})`;
