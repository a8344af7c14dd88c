import { currentCorrelationId } from '@cityloop/messaging';
import {
  actorOf,
  businessTime,
  Caller,
  CaseBriefs,
  Roles,
  type CaseBrief,
  type Principal,
} from '@cityloop/service-kit';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { OpenChecks, type CheckRow } from './open-checks';
import { RecordResultCommand, type ResultRecorded } from './record-result.command';
import { ListChecksRequest } from './list-checks.request';
import { RecordResultRequest } from './record-result.request';
import { SignOffCommand } from './sign-off.command';
import { SignOffRequest } from './sign-off.request';

@ApiTags('verifications')
@ApiBearerAuth()
@Roles('patroller', 'importer')
@Controller('verifications')
export class VerificationsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly checks: OpenChecks,
    private readonly briefs: CaseBriefs,
  ) {}

  /** Each check with what its case is about (absent until the case's report has arrived). */
  private async withBriefs(rows: CheckRow[]): Promise<{ items: (CheckRow & { brief?: CaseBrief })[] }> {
    const briefs = await this.briefs.of(rows.map((row) => row.caseId));
    return { items: rows.map((row) => ({ ...row, brief: briefs.get(row.caseId) })) };
  }

  @Get()
  @ApiOperation({ summary: "Open on-site checks (待核查) in the patroller's cells; ?caseId= for one case's" })
  async open(@Caller() caller: Principal, @Query() query: ListChecksRequest) {
    return this.withBriefs(
      await this.checks.open(caller.role === 'patroller' ? (caller.cellPrefix ?? '') : '', 500, query.caseId),
    );
  }

  @Get('sign-offs')
  @Roles('chief')
  @ApiOperation({
    summary: "Passed checks awaiting the duty chief's sign-off (待审核结案), where the district requires it",
  })
  async awaitingSignOff() {
    return this.withBriefs(await this.checks.awaitingSignOff(500));
  }

  @Post(':verificationId/sign-off')
  @HttpCode(200)
  @Roles('chief', 'importer')
  @ApiOperation({
    summary: 'Sign off a passed check (值班长审核结案): closes the case, or sends it back for rework',
  })
  async signOff(
    @Caller() caller: Principal,
    @Param('verificationId', new ParseUUIDPipe()) verificationId: string,
    @Body() body: SignOffRequest,
  ): Promise<ResultRecorded> {
    return this.commandBus.execute(
      new SignOffCommand(
        verificationId,
        body.approve,
        body.reason,
        actorOf(caller),
        currentCorrelationId() ?? randomUUID(),
        businessTime(caller, body.occurredAt),
      ),
    );
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
