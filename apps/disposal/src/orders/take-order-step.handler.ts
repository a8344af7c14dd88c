import { actorOf } from '@cityloop/service-kit';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { decide } from '../domain/order.decide';
import { OrderNotFoundError } from '../domain/order.errors';
import { evolve } from '../domain/order.state';
import { EvidenceStore } from '../evidence/evidence-store';
import { Inbox } from './inbox';
import { OrderStream } from './order-stream';
import { TakeOrderStepCommand, type OrderStepTaken } from './take-order-step.command';

@CommandHandler(TakeOrderStepCommand)
export class TakeOrderStepHandler implements ICommandHandler<TakeOrderStepCommand, OrderStepTaken> {
  constructor(
    private readonly orders: OrderStream,
    private readonly inbox: Inbox,
    private readonly evidence: EvidenceStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async execute(command: TakeOrderStepCommand): Promise<OrderStepTaken> {
    const { orderId, caller } = command;
    const row = await this.inbox.find(orderId);
    // Another department's order is "not found": its existence is not the caller's business.
    const mayAct =
      caller.role === 'importer' || caller.role === 'admin' || row?.departmentId === caller.departmentId;
    if (!row || !mayAct) throw new OrderNotFoundError(orderId);

    return this.dataSource.transaction(async (manager) => {
      const cited = command.step.kind === 'ReportDisposal' ? command.step.evidenceIds : [];
      await this.evidence.requireAll(manager, cited, caller);
      const { state, version } = await this.orders.load(orderId, manager);
      const events = decide(command.toDomain(), state);
      await this.orders.append(
        orderId,
        row.caseId,
        events,
        version,
        { ...command, actor: actorOf(caller) },
        manager,
      );
      // The order's department sees the photos its order cites (when the importer cited them).
      await this.evidence.grant(manager, cited, row.departmentId);
      const after = events.reduce(evolve, state);
      await this.inbox.save(manager, row.caseId, after, events);
      return { orderId, status: after.status };
    });
  }
}
