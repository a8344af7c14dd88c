import { currentCorrelationId } from '@cityloop/messaging';
import { actorOf, businessTime, Caller, Roles, type Principal } from '@cityloop/service-kit';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { DecideFilingCommand, type FilingDecided } from './decide-filing.command';
import { DecideFilingRequest } from './decide-filing.request';
import { FilingQueue, type FilingQueueItem } from './filing-queue';

@ApiTags('filing')
@ApiBearerAuth()
@Controller()
export class FilingController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly filingQueue: FilingQueue,
  ) {}

  @Post('cases/:caseId/filing')
  @HttpCode(200)
  @Roles('chief', 'importer')
  @ApiOperation({ summary: 'File (立案) or reject (不予立案) a reported case' })
  async decide(
    @Caller() caller: Principal,
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Body() body: DecideFilingRequest,
  ): Promise<FilingDecided> {
    return this.commandBus.execute(
      new DecideFilingCommand(
        caseId,
        body.decision,
        body.reason,
        actorOf(caller),
        currentCorrelationId() ?? randomUUID(),
        businessTime(caller, body.occurredAt),
        body.departmentId,
      ),
    );
  }

  @Get('filing-queue')
  @Roles('chief')
  @ApiOperation({ summary: 'Reported cases awaiting filing (待立案), urgent and oldest first' })
  async queue(): Promise<{ items: FilingQueueItem[] }> {
    return { items: await this.filingQueue.list(500) };
  }
}
