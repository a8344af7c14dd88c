import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CASE_PROGRESS_RECORD } from '../../case-progress/case-progress.record';
import { CLOSED_STATUSES } from './open311-status';
import type { ServiceRequestsQuery } from './service-requests-query';
import type { ReportedCase } from './service-request-view';

/**
 * Open311's reads of intake's case progress: cases whose first report has arrived (a case known
 * only from another service's events is not a request yet).
 */
@Injectable()
export class ServiceRequests {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(query: ServiceRequestsQuery): Promise<ReportedCase[]> {
    if (query.kind === 'ids') {
      return this.dataSource.query<ReportedCase[]>(
        `SELECT ${CASE_PROGRESS_RECORD} FROM case_progress
         WHERE case_id = ANY($1::uuid[]) AND reported_at IS NOT NULL
         ORDER BY reported_at DESC, case_id`,
        [query.ids],
      );
    }
    const closed = query.statuses?.length === 1 ? query.statuses[0] === 'closed' : null;
    return this.dataSource.query<ReportedCase[]>(
      `SELECT ${CASE_PROGRESS_RECORD} FROM case_progress
       WHERE reported_at IS NOT NULL AND reported_at >= $1 AND reported_at <= $2
         AND ($3::text[] IS NULL OR category_code = ANY($3::text[]))
         AND ($4::boolean IS NULL OR (status = ANY($5::text[])) = $4)
       ORDER BY reported_at DESC, case_id
       LIMIT $6`,
      [query.from, query.to, query.serviceCodes, closed, CLOSED_STATUSES, query.limit],
    );
  }

  /** The case a report went into (its own, or the open case it was attached to as a duplicate). */
  async caseOfReport(reportId: string): Promise<string | null> {
    const found = await this.dataSource.query<{ case_id: string }[]>(
      `SELECT case_id FROM case_progress_events
       WHERE type IN ('CaseReported', 'ReportAttached') AND details->>'reportId' = $1
       LIMIT 1`,
      [reportId],
    );
    return found[0]?.case_id ?? null;
  }
}
