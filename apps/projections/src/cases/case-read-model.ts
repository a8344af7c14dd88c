import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { STEP_RANK_SQL } from '@cityloop/read-models';
import type { CaseView, TimelineEntryView } from './case.view';

interface CaseRow {
  case_id: string;
  status: string;
  category_code: string | null;
  street_id: string | null;
  grid_cell_code: string | null;
  department_id: string | null;
  deadline_at: Date | null;
}

const toView = (r: CaseRow): Omit<CaseView, 'timeline'> => ({
  caseId: r.case_id,
  status: r.status,
  categoryCode: r.category_code,
  streetId: r.street_id,
  gridCellCode: r.grid_cell_code,
  ...(r.department_id && { departmentId: r.department_id }),
  ...(r.deadline_at && { deadlineAt: r.deadline_at.toISOString() }),
});

const CASE_COLUMNS = 'case_id, status, category_code, street_id, grid_cell_code, department_id, deadline_at';

/** Reads of the case read model. */
@Injectable()
export class CaseReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(caseId: string): Promise<CaseView | null> {
    const [found] = await this.dataSource.query<CaseRow[]>(
      `SELECT ${CASE_COLUMNS} FROM cases WHERE case_id = $1`,
      [caseId],
    );
    if (!found) return null;
    const timeline = await this.dataSource.query<
      { type: string; occurred_at: Date; source: string; details: object }[]
    >(
      `SELECT type, occurred_at, source, details FROM case_timeline WHERE case_id = $1
        ORDER BY occurred_at, ${STEP_RANK_SQL}, stream_version, event_id`,
      [caseId],
    );
    return {
      ...toView(found),
      timeline: timeline.map((t): TimelineEntryView => ({
        ...t.details,
        type: t.type,
        occurredAt: t.occurred_at.toISOString(),
        service: t.source,
      })),
    };
  }

  async list(limit: number, offset: number): Promise<{ items: Omit<CaseView, 'timeline'>[]; total: number }> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<CaseRow[]>(
        `SELECT ${CASE_COLUMNS} FROM cases ORDER BY reported_at DESC NULLS LAST, case_id LIMIT $1 OFFSET $2`,
        [limit, offset],
      ),
      this.dataSource.query<{ total: number }[]>('SELECT count(*)::int AS total FROM cases'),
    ]);
    return { items: rows.map(toView), total };
  }
}
