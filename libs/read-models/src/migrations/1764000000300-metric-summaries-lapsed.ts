import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A kept metric table that no longer holds is marked lapsed rather than dropped, so that a reader
 * who accepts a table of a given age (the command centre's refresh) is served it while it is
 * computed again in the background (apps/projections/src/metrics/metric-summaries.ts).
 */
export class MetricSummariesLapsed1764000000300 implements MigrationInterface {
  name = 'MetricSummariesLapsed1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE metric_summaries ADD COLUMN lapsed boolean NOT NULL DEFAULT false');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE metric_summaries DROP COLUMN lapsed');
  }
}
