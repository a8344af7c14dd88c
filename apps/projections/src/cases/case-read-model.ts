import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { STEP_RANK_SQL } from '@cityloop/read-models';
import type { CaseView, TimelineEntryView } from './case.view';
import type { CaseFilters } from './list-cases.query';

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

  async list(
    limit: number,
    offset: number,
    filters: CaseFilters = {},
  ): Promise<{ items: Omit<CaseView, 'timeline'>[]; total: number }> {
    const where = `($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR street_id = $2)
      AND ($3::text IS NULL OR department_id = $3) AND ($4::text IS NULL OR category_code = $4)
      AND ($5::text IS NULL OR starts_with(grid_cell_code, $5))`;
    const params = [
      filters.status,
      filters.streetId,
      filters.departmentId,
      filters.categoryCode,
      filters.cell,
    ].map((v) => v ?? null);
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<CaseRow[]>(
        `SELECT ${CASE_COLUMNS} FROM cases WHERE ${where}
          ORDER BY reported_at DESC NULLS LAST, case_id LIMIT $6 OFFSET $7`,
        [...params, limit, offset],
      ),
      this.dataSource.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM cases WHERE ${where}`,
        params,
      ),
    ]);
    return { items: rows.map(toView), total };
  }
}
