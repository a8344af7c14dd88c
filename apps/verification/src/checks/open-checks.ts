import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface CheckRow {
  verificationId: string;
  caseId: string;
  orderId: string;
  gridCellCode: string;
  status: string;
  openedAt: string;
  /** What the department reported: who, its notes and its photos (evidence ids on disposal). */
  departmentId: string | null;
  disposalNotes: string | null;
  evidenceIds: string[];
}

/** The on-site checks (核查任务), kept in the same transaction as their events; patrollers see their cells'. */
@Injectable()
export class OpenChecks {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async save(manager: EntityManager, row: CheckRow): Promise<void> {
    await manager.query(
      `INSERT INTO checks (verification_id, case_id, order_id, grid_cell_code, status, opened_at,
                           department_id, disposal_notes, evidence_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (verification_id) DO UPDATE SET status = EXCLUDED.status`,
      [
        row.verificationId,
        row.caseId,
        row.orderId,
        row.gridCellCode,
        row.status,
        row.openedAt,
        row.departmentId,
        row.disposalNotes,
        row.evidenceIds,
      ],
    );
  }

  async find(verificationId: string): Promise<CheckRow | null> {
    const [row] = await this.dataSource.query<Raw[]>('SELECT * FROM checks WHERE verification_id = $1', [
      verificationId,
    ]);
    return row ? toRow(row) : null;
  }

  /** Passed checks awaiting the duty chief's sign-off, oldest first. */
  async awaitingSignOff(limit: number): Promise<CheckRow[]> {
    const rows = await this.dataSource.query<Raw[]>(
      `SELECT * FROM checks WHERE status = 'passed' ORDER BY opened_at, verification_id LIMIT $1`,
      [limit],
    );
    return rows.map(toRow);
  }

  /**
   * Open checks in cells whose code starts with `cellPrefix` ('' for the whole district), oldest
   * first; with a case id, only that case's.
   */
  async open(cellPrefix: string, limit: number, caseId?: string): Promise<CheckRow[]> {
    const rows = await this.dataSource.query<Raw[]>(
      `SELECT * FROM checks WHERE status = 'open' AND starts_with(grid_cell_code, $1)
          AND ($3::uuid IS NULL OR case_id = $3)
        ORDER BY opened_at, verification_id LIMIT $2`,
      [cellPrefix, limit, caseId ?? null],
    );
    return rows.map(toRow);
  }
}

interface Raw {
  verification_id: string;
  case_id: string;
  order_id: string;
  grid_cell_code: string;
  status: string;
  opened_at: Date;
  department_id: string | null;
  disposal_notes: string | null;
  evidence_ids: string[];
}

const toRow = (r: Raw): CheckRow => ({
  verificationId: r.verification_id,
  caseId: r.case_id,
  orderId: r.order_id,
  gridCellCode: r.grid_cell_code,
  status: r.status,
  openedAt: r.opened_at.toISOString(),
  departmentId: r.department_id,
  disposalNotes: r.disposal_notes,
  evidenceIds: r.evidence_ids ?? [],
});
