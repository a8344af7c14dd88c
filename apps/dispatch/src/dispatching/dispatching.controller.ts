import { currentCorrelationId } from '@cityloop/messaging';
import { actorOf, businessTime, Caller, Roles, type Principal } from '@cityloop/service-kit';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { DispatchCaseCommand, type CaseDispatchedAnswer } from './dispatch-case.command';
import { DispatchCaseRequest } from './dispatch-case.request';

@ApiTags('dispatch')
@ApiBearerAuth()
@Controller('cases')
export class DispatchingController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':caseId/dispatch')
  @HttpCode(201)
  @Roles('dispatcher', 'importer')
  @ApiOperation({
    summary: 'Dispatch a filed case to a department (人工派遣), with the deadline of its category',
  })
  async dispatch(
    @Caller() caller: Principal,
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Body() body: DispatchCaseRequest,
  ): Promise<CaseDispatchedAnswer> {
    return this.commandBus.execute(
      new DispatchCaseCommand(
        caseId,
        body.departmentId,
        actorOf(caller),
        currentCorrelationId() ?? randomUUID(),
        businessTime(caller, body.occurredAt),
      ),
    );
  }
}
