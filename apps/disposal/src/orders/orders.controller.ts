import { trafficLight } from '@cityloop/domain';
import { currentCorrelationId } from '@cityloop/messaging';
import {
  businessTime,
  Caller,
  CaseBriefs,
  DistrictReference,
  Roles,
  type CaseBrief,
  type Principal,
} from '@cityloop/service-kit';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Inbox, type InboxRow } from './inbox';
import {
  DisposalReportRequest,
  ExtensionRequest,
  ListOrdersRequest,
  ReturnOrderRequest,
  StepRequest,
} from './order-step.requests';
import { TakeOrderStepCommand, type DepartmentStep, type OrderStepTaken } from './take-order-step.command';

export interface OrderView {
  orderId: string;
  caseId: string;
  departmentId: string;
  status: string;
  deadlineAt: string;
  light: 'green' | 'yellow' | 'red';
  gridCellCode: string;
  categoryCode: string;
  pendingExtension: boolean;
  /** What and where, from the case's first report (absent until that event has arrived). */
  brief?: CaseBrief;
}

@ApiTags('orders')
@ApiBearerAuth()
@Roles('department', 'importer')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly inbox: Inbox,
    private readonly district: DistrictReference,
    private readonly briefs: CaseBriefs,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The department's orders (待办), with deadline and traffic light; ?caseId= for one case's",
  })
  async list(
    @Caller() caller: Principal,
    @Query() query: ListOrdersRequest,
  ): Promise<{ items: OrderView[] }> {
    const departmentId = caller.role === 'department' ? caller.departmentId! : null;
    const rows = await this.inbox.list(departmentId, 500, query.caseId);
    const now = new Date();
    const briefs = await this.briefs.of(rows.map((row) => row.caseId));
    return { items: rows.map((row) => ({ ...this.view(row, now), brief: briefs.get(row.caseId) })) };
  }

  @Post(':orderId/sign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign the order (签收)' })
  sign(
    @Caller() caller: Principal,
    @Param('orderId', new ParseUUIDPipe()) orderId: string,
    @Body() body: StepRequest,
  ) {
    return this.take(caller, orderId, { kind: 'SignOrder' }, body);
  }

  @Post(':orderId/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return the order to the dispatcher (退单) with a reason' })
  giveBack(
    @Caller() caller: Principal,
    @Param('orderId', new ParseUUIDPipe()) orderId: string,
    @Body() body: ReturnOrderRequest,
  ) {
    return this.take(caller, orderId, { kind: 'ReturnOrder', reason: body.reason, note: body.note }, body);
  }

  @Post(':orderId/extension-requests')
  @HttpCode(201)
  @ApiOperation({ summary: 'Ask the dispatcher for more time (延期申请)' })
  askForExtension(
    @Caller() caller: Principal,
    @Param('orderId', new ParseUUIDPipe()) orderId: string,
    @Body() body: ExtensionRequest,
  ) {
    return this.take(
      caller,
      orderId,
      { kind: 'RequestExtension', requestId: randomUUID(), hours: body.hours, reason: body.reason },
      body,
    );
  }

  @Post(':orderId/disposal')
  @HttpCode(201)
  @ApiOperation({ summary: 'Report the disposal (处理反馈) with notes and evidence photos' })
  reportDisposal(
    @Caller() caller: Principal,
    @Param('orderId', new ParseUUIDPipe()) orderId: string,
    @Body() body: DisposalReportRequest,
  ) {
    return this.take(
      caller,
      orderId,
      { kind: 'ReportDisposal', notes: body.notes, evidenceIds: body.evidenceIds ?? [] },
      body,
    );
  }

  private take(
    caller: Principal,
    orderId: string,
    step: DepartmentStep,
    body: StepRequest,
  ): Promise<OrderStepTaken> {
    return this.commandBus.execute(
      new TakeOrderStepCommand(
        orderId,
        step,
        caller,
        currentCorrelationId() ?? randomUUID(),
        businessTime(caller, body.occurredAt),
      ),
    );
  }

  private view(row: InboxRow, now: Date): OrderView {
    return {
      orderId: row.orderId,
      caseId: row.caseId,
      departmentId: row.departmentId,
      status: row.status,
      deadlineAt: row.deadlineAt.toISOString(),
      light: trafficLight(
        {
          startedAt: row.dispatchedAt,
          deadlineAt: row.deadlineAt,
          now: row.clockStoppedAt ?? now,
          unit: row.timeLimitUnit as 'workingHours' | 'workingDays' | 'calendarHours',
        },
        this.district.calendar,
      ),
      gridCellCode: row.gridCellCode,
      categoryCode: row.categoryCode,
      pendingExtension: row.pendingExtension,
    };
  }
}
