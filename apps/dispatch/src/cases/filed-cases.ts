import type { CaseFiledV1 } from '@cityloop/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface FiledCase {
  caseId: string;
  categoryCode: string;
  streetId: string;
  gridCellCode: string;
  urgency: string;
  filedAt: Date;
}

/** The filed cases dispatch has heard of (from intake's CaseFiled). */
@Injectable()
export class FiledCases {
  async record(manager: EntityManager, caseId: string, filed: CaseFiledV1): Promise<void> {
    await manager.query(
      `INSERT INTO filed_cases (case_id, category_code, street_id, grid_cell_code, urgency, filed_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id) DO NOTHING`,
      [caseId, filed.categoryCode, filed.streetId, filed.gridCellCode, filed.urgency, filed.filedAt],
    );
  }

  async find(manager: EntityManager, caseId: string): Promise<FiledCase | null> {
    const [row] = await manager.query<
      { category_code: string; street_id: string; grid_cell_code: string; urgency: string; filed_at: Date }[]
    >(
      'SELECT category_code, street_id, grid_cell_code, urgency, filed_at FROM filed_cases WHERE case_id = $1',
      [caseId],
    );
    return row
      ? {
          caseId,
          categoryCode: row.category_code,
          streetId: row.street_id,
          gridCellCode: row.grid_cell_code,
          urgency: row.urgency,
          filedAt: row.filed_at,
        }
      : null;
  }
}
