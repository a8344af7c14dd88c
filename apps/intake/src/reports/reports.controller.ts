import { DomainError } from '@cityloop/domain';
import { currentCorrelationId } from '@cityloop/messaging';
import { actorOf, businessTime, Caller, Roles, type Principal } from '@cityloop/service-kit';
import { BadRequestException, Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_KEY_PATTERN } from '../idempotency/idempotency-keys';
import { ReportCaseCommand } from './report-case.command';
import { ReportCaseRequest } from './report-case.request';
import { ReportCaseResponse } from './report-case.response';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('operator', 'patroller', 'importer')
  @ApiOperation({ summary: 'File a report (上报): opens a case; 201 means the event is committed' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key gets the first answer',
  })
  @ApiCreatedResponse({ type: ReportCaseResponse })
  async report(
    @Caller() caller: Principal,
    @Body() body: ReportCaseRequest,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<ReportCaseResponse> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw new BadRequestException({
        code: 'REQUEST.INVALID',
        message: 'invalid Idempotency-Key',
        details: [{ field: 'Idempotency-Key', problems: ['1 to 200 visible ASCII characters'] }],
      });
    }
    // Like a business time, turning duplicate merging off is for a trusted importing system only.
    if (body.mergeDuplicates !== undefined && caller.role !== 'importer') {
      throw new DomainError('REQUEST.INVALID', 'only the importer role may send mergeDuplicates', 400, [
        { field: 'mergeDuplicates', problems: ['importer role only'] },
      ]);
    }
    return this.commandBus.execute(
      new ReportCaseCommand(
        body,
        actorOf(caller),
        currentCorrelationId() ?? randomUUID(),
        businessTime(caller, body.occurredAt),
        idempotencyKey,
      ),
    );
  }
}
