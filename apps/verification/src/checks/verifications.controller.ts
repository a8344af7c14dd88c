import { currentCorrelationId } from '@cityloop/messaging';
import { businessTime, Caller, Roles, type Principal } from '@cityloop/service-kit';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { OpenChecks, type CheckRow } from './open-checks';
import { RecordResultCommand, type ResultRecorded } from './record-result.command';
import { RecordResultRequest } from './record-result.request';

@ApiTags('verifications')
@ApiBearerAuth()
@Roles('patroller', 'importer')
@Controller('verifications')
export class VerificationsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly checks: OpenChecks,
  ) {}

  @Get()
  @ApiOperation({ summary: "Open on-site checks (待核查) in the patroller's cells" })
  async open(@Caller() caller: Principal): Promise<{ items: CheckRow[] }> {
    return {
      items: await this.checks.open(caller.role === 'patroller' ? (caller.cellPrefix ?? '') : '', 500),
    };
  }

  @Post(':verificationId/result')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record the on-site result: passed closes the case (结案), failed sends it back (返工)',
  })
  async result(
    @Caller() caller: Principal,
    @Param('verificationId', new ParseUUIDPipe()) verificationId: string,
    @Body() body: RecordResultRequest,
  ): Promise<ResultRecorded> {
    return this.commandBus.execute(
      new RecordResultCommand(
        verificationId,
        body.passed,
        body.notes,
        body.evidenceIds ?? [],
        caller,
        currentCorrelationId() ?? randomUUID(),
        businessTime(caller, body.occurredAt),
      ),
    );
  }
}
