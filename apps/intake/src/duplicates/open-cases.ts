import type { CaseReportedV1 } from '@cityloop/contracts';
import { haversineMetres } from '@cityloop/domain';
import { DistrictReference } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface DuplicateCandidate {
  caseId: string;
  categoryCode: string;
  gridCellCode: string;
  distanceMetres: number;
  source: string;
  reportedAt: string;
}

/** Open cases by place and category: where a new report may be a duplicate (重复上报). */
@Injectable()
export class OpenCases {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly district: DistrictReference,
  ) {}

  /** Opens the cases (id and first report each), in one statement. */
  async open(
    manager: EntityManager,
    cases: readonly { caseId: string; report: CaseReportedV1 }[],
  ): Promise<void> {
    const reports = cases.map((c) => c.report);
    await manager.query(
      `INSERT INTO open_cases (case_id, category_code, grid_cell_code, lat, lng, source, reported_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[], $7::timestamptz[])
       ON CONFLICT (case_id) DO NOTHING`,
      [
        cases.map((c) => c.caseId),
        reports.map((r) => r.categoryCode),
        reports.map((r) => r.gridCellCode),
        reports.map((r) => r.location.lat),
        reports.map((r) => r.location.lng),
        reports.map((r) => r.source),
        reports.map((r) => r.reportedAt),
      ],
    );
  }

  async close(manager: EntityManager, caseId: string): Promise<void> {
    await manager.query('DELETE FROM open_cases WHERE case_id = $1', [caseId]);
  }

  /** Open cases of the category within `radiusMetres` of the point, nearest first. */
  async near(
    categoryCode: string,
    point: { lat: number; lng: number },
    radiusMetres: number,
  ): Promise<DuplicateCandidate[]> {
    const cells = this.district.cellsWithin(point, radiusMetres);
    if (cells.length === 0) return [];
    const rows = await this.dataSource.query<
      {
        case_id: string;
        category_code: string;
        grid_cell_code: string;
        lat: number;
        lng: number;
        source: string;
        reported_at: Date;
      }[]
    >('SELECT * FROM open_cases WHERE grid_cell_code = ANY($1::text[]) AND category_code = $2', [
      cells,
      categoryCode,
    ]);
    return rows
      .map((r) => ({
        caseId: r.case_id,
        categoryCode: r.category_code,
        gridCellCode: r.grid_cell_code,
        distanceMetres: Math.round(haversineMetres([point.lng, point.lat], [r.lng, r.lat]) * 10) / 10,
        source: r.source,
        reportedAt: r.reported_at.toISOString(),
      }))
      .filter((c) => c.distanceMetres <= radiusMetres)
      .sort((a, b) => a.distanceMetres - b.distanceMetres || a.reportedAt.localeCompare(b.reportedAt));
  }
}
