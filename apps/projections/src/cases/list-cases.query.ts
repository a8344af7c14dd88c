import { Query } from '@nestjs/cqrs';
import type { CaseListView } from './case.view';

/** The case search's filters (all optional, all must hold). */
export interface CaseFilters {
  status?: string;
  streetId?: string;
  departmentId?: string;
  categoryCode?: string;
  /** A grid cell code or its start. */
  cell?: string;
}

export class ListCasesQuery extends Query<CaseListView> {
  constructor(
    readonly limit: number,
    readonly offset: number,
    readonly filters: CaseFilters = {},
  ) {
    super();
  }
}
