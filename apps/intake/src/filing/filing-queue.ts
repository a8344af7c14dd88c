import type { CaseReportedV1 } from '@cityloop/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface FilingQueueItem {
  caseId: string;
  source: string;
  categoryCode: string;
  urgency: string;
  streetId: string;
  gridCellCode: string;
  description: string;
  reportedAt: string;
}

/**
 * The duty chief's filing queue (待立案): reported cases awaiting a decision. Kept by intake in
 * the same transaction as the events that open and close each entry.
 */
@Injectable()
export class FilingQueue {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Queues the cases (id and first report each) for filing, in one statement. */
  async add(
    manager: EntityManager,
    cases: readonly { caseId: string; report: CaseReportedV1 }[],
  ): Promise<void> {
    if (cases.length === 0) return;
    const reports = cases.map((c) => c.report);
    await manager.query(
      `INSERT INTO filing_queue (case_id, source, category_code, urgency, street_id, grid_cell_code, description, reported_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
       ON CONFLICT (case_id) DO NOTHING`,
      [
        cases.map((c) => c.caseId),
        reports.map((r) => r.source),
        reports.map((r) => r.categoryCode),
        reports.map((r) => r.urgency),
        reports.map((r) => r.streetId),
        reports.map((r) => r.gridCellCode),
        reports.map((r) => r.description),
        reports.map((r) => r.reportedAt),
      ],
    );
  }

  async remove(manager: EntityManager, caseId: string): Promise<void> {
    await manager.query('DELETE FROM filing_queue WHERE case_id = $1', [caseId]);
  }

  /** Urgent first, then the oldest report first. */
  async list(limit: number): Promise<FilingQueueItem[]> {
    const rows = await this.dataSource.query<
      {
        case_id: string;
        source: string;
        category_code: string;
        urgency: string;
        street_id: string;
        grid_cell_code: string;
        description: string;
        reported_at: Date;
      }[]
    >(`SELECT * FROM filing_queue ORDER BY (urgency = 'urgent') DESC, reported_at, case_id LIMIT $1`, [
      limit,
    ]);
    return rows.map((r) => ({
      caseId: r.case_id,
      source: r.source,
      categoryCode: r.category_code,
      urgency: r.urgency,
      streetId: r.street_id,
      gridCellCode: r.grid_cell_code,
      description: r.description,
      reportedAt: r.reported_at.toISOString(),
    }));
  }
}
