import { Query } from '@nestjs/cqrs';
import type { CaseListView } from './case.view';

export class ListCasesQuery extends Query<CaseListView> {
  constructor(
    readonly limit: number,
    readonly offset: number,
  ) {
    super();
  }
}
