import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Roles } from '@cityloop/service-kit';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseListView, CaseView } from './case.view';
import { GetCaseQuery } from './get-case.query';
import { ListCasesQuery } from './list-cases.query';
import { ListCasesRequest } from './list-cases.request';

@ApiTags('cases')
@ApiBearerAuth()
@Roles('command', 'chief', 'dispatcher', 'evaluator')
@Controller('cases')
export class CasesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':caseId')
  @ApiOperation({ summary: 'A case with its timeline, every step at its business time' })
  @ApiOkResponse({ type: CaseView })
  async get(@Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<CaseView> {
    return this.queryBus.execute(new GetCaseQuery(caseId));
  }

  @Get()
  @ApiOperation({
    summary: 'Case search: newest report first, filtered by status, street, department, category or cell',
  })
  @ApiOkResponse({ type: CaseListView })
  async list(@Query() query: ListCasesRequest): Promise<CaseListView> {
    const { limit, offset, ...filters } = query;
    return this.queryBus.execute(new ListCasesQuery(limit, offset, filters));
  }
}
