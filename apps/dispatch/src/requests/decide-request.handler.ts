import { addWorkingTime } from '@cityloop/domain';
import { DistrictReference } from '@cityloop/service-kit';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { DispatchStream } from '../cases/dispatch-stream';
import { FiledCases } from '../cases/filed-cases';
import { decide, type DispatchCase } from '../domain/dispatch.decide';
import {
  NoPendingExtensionError,
  NoPendingReturnError,
  UnknownDepartmentError,
} from '../domain/dispatch.errors';
import { DispatchPlanner } from '../dispatching/dispatch-plan';
import { DecideRequestCommand, type RequestDecided } from './decide-request.command';
import { PendingRequests } from './pending-requests';

@CommandHandler(DecideRequestCommand)
export class DecideRequestHandler implements ICommandHandler<DecideRequestCommand, RequestDecided> {
  constructor(
    private readonly stream: DispatchStream,
    private readonly pending: PendingRequests,
    private readonly filedCases: FiledCases,
    private readonly planner: DispatchPlanner,
    private readonly district: DistrictReference,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  execute(command: DecideRequestCommand): Promise<RequestDecided> {
    if (command.departmentId && !this.district.department(command.departmentId)) {
      throw new UnknownDepartmentError(command.departmentId);
    }
    return this.dataSource.transaction((manager) =>
      command.request === 'return'
        ? this.decideReturn(command, manager)
        : this.decideExtension(command, manager),
    );
  }

  private async decideReturn(command: DecideRequestCommand, manager: EntityManager): Promise<RequestDecided> {
    const pendingReturn = await this.pending.findReturn(manager, command.id);
    if (!pendingReturn) throw new NoPendingReturnError(command.id);
    const { caseId, orderId } = pendingReturn;
    const { state, version } = await this.stream.load(caseId, manager);
    const redispatch =
      command.approve && command.departmentId ? await this.redispatch(command, caseId, manager) : undefined;
    const events = decide(
      {
        kind: 'DecideReturn',
        caseId,
        orderId,
        pending: true,
        approve: command.approve,
        reason: command.reason,
        decidedAt: command.occurredAt,
        redispatch,
      },
      state,
    );
    await this.stream.append(caseId, events, version, command, manager);
    await this.pending.removeReturn(manager, orderId);
    const newOrder = events.find((e) => e.type === 'CaseDispatched')?.payload;
    return {
      caseId,
      orderId,
      decision: command.approve ? 'approved' : 'rejected',
      ...(newOrder && { newOrderId: newOrder.orderId, deadlineAt: newOrder.deadlineAt }),
    };
  }

  private async redispatch(
    command: DecideRequestCommand,
    caseId: string,
    manager: EntityManager,
  ): Promise<DispatchCase> {
    const filed = await this.filedCases.find(manager, caseId);
    return {
      kind: 'DispatchCase',
      caseId,
      orderId: randomUUID(),
      filedCase: filed && {
        categoryCode: filed.categoryCode,
        streetId: filed.streetId,
        gridCellCode: filed.gridCellCode,
      },
      plan:
        filed &&
        this.planner.plan(
          filed.categoryCode,
          filed.streetId,
          filed.urgency,
          command.occurredAt,
          command.departmentId,
        ),
      dispatchedAt: command.occurredAt,
      automatic: false,
    };
  }

  private async decideExtension(
    command: DecideRequestCommand,
    manager: EntityManager,
  ): Promise<RequestDecided> {
    const request = await this.pending.findExtension(manager, command.id);
    if (!request) throw new NoPendingExtensionError(command.id);
    const { caseId, orderId, requestId, hours } = request;
    const { state, version } = await this.stream.load(caseId, manager);
    // The extension is counted in the order's own kind of time: working hours on the district
    // calendar, or round-the-clock hours for safety cases.
    const deadlineAt =
      command.approve && state.status === 'dispatched'
        ? addWorkingTime(
            new Date(state.deadlineAt),
            {
              amount: hours,
              unit: state.timeLimitUnit === 'calendarHours' ? 'calendarHours' : 'workingHours',
            },
            this.district.calendar,
          )
        : undefined;
    const events = decide(
      {
        kind: 'DecideExtension',
        orderId,
        requestId,
        pending: true,
        approve: command.approve,
        reason: command.reason,
        decidedAt: command.occurredAt,
        deadlineAt,
      },
      state,
    );
    await this.stream.append(caseId, events, version, command, manager);
    await this.pending.removeExtension(manager, requestId);
    const approved = events[0].type === 'ExtensionApproved' ? events[0].payload : undefined;
    return {
      caseId,
      orderId,
      decision: approved ? 'approved' : 'rejected',
      ...(approved && { deadlineAt: approved.deadlineAt }),
    };
  }
}
