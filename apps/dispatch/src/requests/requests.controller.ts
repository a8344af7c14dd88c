import { currentCorrelationId } from '@cityloop/messaging';
import { actorOf, businessTime, Caller, Roles, type Principal } from '@cityloop/service-kit';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { DecideRequestCommand, type RequestDecided } from './decide-request.command';
import { DecisionRequest } from './decision.request';
import { PendingRequests, type PendingExtension, type PendingReturn } from './pending-requests';

@ApiTags('returns and extensions')
@ApiBearerAuth()
@Controller()
export class RequestsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly pending: PendingRequests,
  ) {}

  @Get('returns')
  @Roles('dispatcher')
  @ApiOperation({ summary: 'Returns (退单) awaiting the dispatcher' })
  async returns(): Promise<{ items: PendingReturn[] }> {
    return { items: await this.pending.returns() };
  }

  @Get('extensions')
  @Roles('dispatcher')
  @ApiOperation({ summary: 'Extension requests (延期申请) awaiting the dispatcher' })
  async extensions(): Promise<{ items: PendingExtension[] }> {
    return { items: await this.pending.extensions() };
  }

  @Post('returns/:orderId/decision')
  @HttpCode(200)
  @Roles('dispatcher', 'importer')
  @ApiOperation({ summary: 'Approve a return (re-dispatch to departmentId) or refuse it with a reason' })
  decideReturn(
    @Caller() caller: Principal,
    @Param('orderId', new ParseUUIDPipe()) orderId: string,
    @Body() body: DecisionRequest,
  ) {
    return this.decide(caller, 'return', orderId, body);
  }

  @Post('extensions/:requestId/decision')
  @HttpCode(200)
  @Roles('dispatcher', 'importer')
  @ApiOperation({ summary: 'Approve an extension (the deadline moves) or refuse it with a reason' })
  decideExtension(
    @Caller() caller: Principal,
    @Param('requestId', new ParseUUIDPipe()) requestId: string,
    @Body() body: DecisionRequest,
  ) {
    return this.decide(caller, 'extension', requestId, body);
  }

  private decide(
    caller: Principal,
    request: 'return' | 'extension',
    id: string,
    body: DecisionRequest,
  ): Promise<RequestDecided> {
    return this.commandBus.execute(
      new DecideRequestCommand(
        request,
        id,
        body.approve,
        body.departmentId,
        body.reason,
        actorOf(caller),
        currentCorrelationId() ?? randomUUID(),
        businessTime(caller, body.occurredAt),
      ),
    );
  }
}
