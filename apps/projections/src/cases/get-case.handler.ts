import { DomainError } from '@cityloop/domain';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CaseReadModel } from './case-read-model';
import type { CaseView } from './case.view';
import { GetCaseQuery } from './get-case.query';

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery, CaseView> {
  constructor(private readonly cases: CaseReadModel) {}

  async execute({ caseId }: GetCaseQuery): Promise<CaseView> {
    const found = await this.cases.find(caseId);
    if (!found) throw new DomainError('CASE.NOT_FOUND', `no case ${caseId}`, 404);
    return found;
  }
}
