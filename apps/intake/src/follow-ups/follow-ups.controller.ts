import { currentCorrelationId } from '@cityloop/messaging';
import { actorOf, businessTime, Caller, Roles, type Principal } from '@cityloop/service-kit';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { FollowUpQueue, type FollowUpItem } from './follow-up-queue';
import { RecordFollowUpCommand, type FollowUpDone } from './record-follow-up.command';
import { RecordFollowUpRequest } from './record-follow-up.request';

@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('follow-ups')
export class FollowUpsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queue: FollowUpQueue,
  ) {}

  @Get()
  @Roles('operator')
  @ApiOperation({
    summary: 'Closed hotline cases awaiting the caller follow-up (待回访), with the number to call',
  })
  async list(): Promise<{ items: FollowUpItem[] }> {
    return { items: await this.queue.list(500) };
  }

  @Post(':caseId')
  @HttpCode(201)
  @Roles('operator', 'importer')
  @ApiOperation({ summary: "Record the caller's verdict; unsatisfied reopens the case (重办)" })
  record(
    @Caller() caller: Principal,
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Body() body: RecordFollowUpRequest,
  ): Promise<FollowUpDone> {
    return this.commandBus.execute(
      new RecordFollowUpCommand(
        caseId,
        body.satisfaction,
        body.notes,
        actorOf(caller),
        currentCorrelationId() ?? randomUUID(),
        businessTime(caller, body.occurredAt),
      ),
    );
  }
}
