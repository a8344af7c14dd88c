import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CaseReadModel } from './case-read-model';
import type { CaseListView } from './case.view';
import { ListCasesQuery } from './list-cases.query';

@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery, CaseListView> {
  constructor(private readonly cases: CaseReadModel) {}

  async execute({ limit, offset, filters }: ListCasesQuery): Promise<CaseListView> {
    return { ...(await this.cases.list(limit, offset, filters)), limit, offset };
  }
}
