import { currentCorrelationId } from '@cityloop/messaging';
import { actorOf, businessTime, Caller, Roles, type Principal } from '@cityloop/service-kit';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ChangePostponementCommand, type PostponementChanged } from './postponement.command';
import { PostponeRequest, ResumeRequest } from './postponement.requests';

@ApiTags('postponement')
@ApiBearerAuth()
@Roles('dispatcher', 'importer')
@Controller('cases')
export class PostponementController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':caseId/postponement')
  @HttpCode(200)
  @ApiOperation({ summary: 'Postpone a case that cannot be solved now (缓办); its order clock stops' })
  postpone(
    @Caller() caller: Principal,
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Body() body: PostponeRequest,
  ): Promise<PostponementChanged> {
    return this.change(caller, caseId, true, body.reason, body.occurredAt);
  }

  @Post(':caseId/resumption')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the postponement; the deadline moves by the time it lasted' })
  resume(
    @Caller() caller: Principal,
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Body() body: ResumeRequest,
  ): Promise<PostponementChanged> {
    return this.change(caller, caseId, false, undefined, body.occurredAt);
  }

  private change(
    caller: Principal,
    caseId: string,
    postpone: boolean,
    reason: string | undefined,
    occurredAt?: string,
  ) {
    return this.commandBus.execute(
      new ChangePostponementCommand(
        caseId,
        postpone,
        reason,
        actorOf(caller),
        currentCorrelationId() ?? randomUUID(),
        businessTime(caller, occurredAt),
      ),
    );
  }
}
