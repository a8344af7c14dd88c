import type { CaseDispatchedV1 } from '@cityloop/contracts';
import { DistrictReference } from '@cityloop/service-kit';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DispatchStream } from '../cases/dispatch-stream';
import { FiledCases } from '../cases/filed-cases';
import { decide } from '../domain/dispatch.decide';
import { UnknownDepartmentError } from '../domain/dispatch.errors';
import { DispatchCaseCommand, type CaseDispatchedAnswer } from './dispatch-case.command';
import { DispatchPlanner } from './dispatch-plan';

@CommandHandler(DispatchCaseCommand)
export class DispatchCaseHandler implements ICommandHandler<DispatchCaseCommand, CaseDispatchedAnswer> {
  constructor(
    private readonly stream: DispatchStream,
    private readonly filedCases: FiledCases,
    private readonly planner: DispatchPlanner,
    private readonly district: DistrictReference,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async execute(command: DispatchCaseCommand): Promise<CaseDispatchedAnswer> {
    const { caseId, departmentId, occurredAt } = command;
    if (!this.district.department(departmentId)) throw new UnknownDepartmentError(departmentId);
    return this.dataSource.transaction(async (manager) => {
      const filed = await this.filedCases.find(manager, caseId);
      const { state, version } = await this.stream.load(caseId, manager);
      const plan =
        filed &&
        this.planner.plan(filed.categoryCode, filed.streetId, filed.urgency, occurredAt, departmentId);
      const orderId = randomUUID();
      const events = decide(
        {
          kind: 'DispatchCase',
          caseId,
          orderId,
          filedCase: filed && {
            categoryCode: filed.categoryCode,
            streetId: filed.streetId,
            gridCellCode: filed.gridCellCode,
          },
          plan: plan || null,
          dispatchedAt: occurredAt,
          automatic: false,
        },
        state,
      );
      await this.stream.append(caseId, events, version, command, manager);
      return {
        caseId,
        orderId,
        departmentId,
        deadlineAt: (events[0].payload as CaseDispatchedV1).deadlineAt,
      };
    });
  }
}
