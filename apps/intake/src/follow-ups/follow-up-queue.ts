import type { CaseReportedV1 } from '@cityloop/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface FollowUpItem {
  caseId: string;
  categoryCode: string;
  description: string;
  closedAt: string;
  /** The caller to ring back: personal data, shown to operators only, never in an event. */
  reporter: { name: string | null; phone: string | null } | null;
}

/** Closed hotline cases awaiting the caller's follow-up (待回访). */
@Injectable()
export class FollowUpQueue {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async add(manager: EntityManager, caseId: string, report: CaseReportedV1, closedAt: string): Promise<void> {
    await manager.query(
      `INSERT INTO follow_ups (case_id, report_id, category_code, description, closed_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id) DO UPDATE SET closed_at = EXCLUDED.closed_at`,
      [caseId, report.reportId, report.categoryCode, report.description, closedAt],
    );
  }

  async isDue(caseId: string): Promise<boolean> {
    const found: unknown[] = await this.dataSource.query('SELECT 1 FROM follow_ups WHERE case_id = $1', [
      caseId,
    ]);
    return found.length > 0;
  }

  async remove(manager: EntityManager, caseId: string): Promise<void> {
    await manager.query('DELETE FROM follow_ups WHERE case_id = $1', [caseId]);
  }

  async list(limit: number): Promise<FollowUpItem[]> {
    const rows = await this.dataSource.query<
      {
        case_id: string;
        category_code: string;
        description: string;
        closed_at: Date;
        name: string | null;
        phone: string | null;
        has_contact: boolean;
      }[]
    >(
      `SELECT f.case_id, f.category_code, f.description, f.closed_at, r.name, r.phone, r.report_id IS NOT NULL AS has_contact
         FROM follow_ups f LEFT JOIN reporter_contacts r ON r.report_id = f.report_id
        ORDER BY f.closed_at, f.case_id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      caseId: r.case_id,
      categoryCode: r.category_code,
      description: r.description,
      closedAt: r.closed_at.toISOString(),
      reporter: r.has_contact ? { name: r.name, phone: r.phone } : null,
    }));
  }
}
