import type { OrderReceivedV1 } from '@cityloop/contracts';
import { ExtensionPendingError, OrderNotFoundError, OrderStateError } from './order.errors';
import type { OrderEvent } from './order.events';
import type { OrderState, OrderStatus } from './order.state';

export type OrderCommand =
  | { kind: 'ReceiveOrder'; order: OrderReceivedV1 }
  | { kind: 'SignOrder'; orderId: string; at: Date }
  | { kind: 'ReturnOrder'; orderId: string; at: Date; reason: string; note?: string }
  | { kind: 'RequestExtension'; orderId: string; requestId: string; at: Date; hours: number; reason: string }
  | { kind: 'ReportDisposal'; orderId: string; at: Date; notes: string; evidenceIds: string[] }
  | { kind: 'SendBackForRework'; orderId: string; verificationId: string; at: Date }
  | { kind: 'CloseOrder'; orderId: string; at: Date }
  | { kind: 'ReinstateOrder'; orderId: string; at: Date }
  | { kind: 'ExtendDeadline'; orderId: string; requestId: string; deadlineAt: Date; at: Date }
  | { kind: 'CloseExtensionRequest'; orderId: string; requestId: string; at: Date }
  | { kind: 'MoveDeadline'; orderId: string; deadlineAt: Date; at: Date };

/** Which statuses allow each step (签收 before 处理反馈; a returned or closed order is done). */
const ALLOWED: Record<Exclude<OrderCommand['kind'], 'ReceiveOrder'>, OrderStatus[]> = {
  SignOrder: ['dispatched'],
  ReturnOrder: ['dispatched', 'signed'],
  RequestExtension: ['dispatched', 'signed', 'rework'],
  ReportDisposal: ['signed', 'rework'],
  SendBackForRework: ['disposed'],
  CloseOrder: ['disposed'],
  ReinstateOrder: ['returned'],
  // An answer to an extension request applies whatever the order has done meanwhile but close
  // (after which it is moot: DEADLINE_NEWS).
  ExtendDeadline: ['dispatched', 'signed', 'disposed', 'rework'],
  CloseExtensionRequest: ['dispatched', 'signed', 'disposed', 'rework', 'returned'],
  MoveDeadline: ['dispatched', 'signed', 'disposed', 'rework'],
};

const ACTION: Record<keyof typeof ALLOWED, string> = {
  SignOrder: 'sign it',
  ReturnOrder: 'return it',
  RequestExtension: 'ask for an extension',
  ReportDisposal: 'report its disposal',
  SendBackForRework: 'send it back for rework',
  CloseOrder: 'close it',
  ReinstateOrder: 'take it back from a return',
  ExtendDeadline: 'extend its deadline',
  CloseExtensionRequest: 'close its extension request',
  MoveDeadline: 'move its deadline',
};

/**
 * The dispatcher's word on a deadline: an extension answered, a postponed case resumed. It comes on
 * dispatch's topic and a closure on verification's, in no set order between the two (a consumer
 * that dies hands its partitions over late), so it can reach an order already closed. A closed
 * order's deadline no longer counts: the news is moot.
 */
const DEADLINE_NEWS: OrderCommand['kind'][] = ['ExtendDeadline', 'CloseExtensionRequest', 'MoveDeadline'];

/** Pure: what happens when `command` meets an order in `state`. */
export function decide(command: OrderCommand, state: OrderState): OrderEvent[] {
  if (command.kind === 'ReceiveOrder') {
    // A redelivered dispatch finds the order already received: nothing new happens.
    return state.status === 'none'
      ? [{ type: 'OrderReceived', schemaVersion: 1, payload: command.order }]
      : [];
  }
  if (state.status === 'none') throw new OrderNotFoundError(command.orderId);
  if (state.status === 'closed' && DEADLINE_NEWS.includes(command.kind)) return [];
  if (!ALLOWED[command.kind].includes(state.status)) {
    throw new OrderStateError(command.orderId, state.status, ACTION[command.kind]);
  }
  const { orderId, departmentId } = state.order;
  const at = command.at.toISOString();
  switch (command.kind) {
    case 'SignOrder':
      return [{ type: 'OrderSigned', schemaVersion: 1, payload: { orderId, departmentId, signedAt: at } }];
    case 'ReturnOrder':
      return [
        {
          type: 'OrderReturned',
          schemaVersion: 1,
          payload: {
            orderId,
            departmentId,
            returnedAt: at,
            reason: command.reason,
            ...(command.note && { note: command.note }),
          },
        },
      ];
    case 'RequestExtension':
      if (state.pendingExtension) throw new ExtensionPendingError(orderId);
      return [
        {
          type: 'ExtensionRequested',
          schemaVersion: 1,
          payload: {
            orderId,
            departmentId,
            requestId: command.requestId,
            requestedAt: at,
            hours: command.hours,
            reason: command.reason,
          },
        },
      ];
    case 'ReportDisposal':
      return [
        {
          type: 'DisposalReported',
          schemaVersion: 1,
          payload: {
            orderId,
            departmentId,
            reportedAt: at,
            notes: command.notes,
            evidenceIds: command.evidenceIds,
            gridCellCode: state.order.gridCellCode,
          },
        },
      ];
    case 'SendBackForRework':
      return [
        {
          type: 'OrderSentBackForRework',
          schemaVersion: 1,
          payload: { orderId, departmentId, verificationId: command.verificationId, sentBackAt: at },
        },
      ];
    case 'CloseOrder':
      return [{ type: 'OrderClosed', schemaVersion: 1, payload: { orderId, departmentId, closedAt: at } }];
    case 'ReinstateOrder':
      return [
        {
          type: 'OrderReinstated',
          schemaVersion: 1,
          payload: {
            orderId,
            departmentId,
            status: state.signed ? 'signed' : 'dispatched',
            reinstatedAt: at,
          },
        },
      ];
    case 'ExtendDeadline':
      return [
        {
          type: 'OrderDeadlineExtended',
          schemaVersion: 1,
          payload: {
            orderId,
            departmentId,
            requestId: command.requestId,
            deadlineAt: command.deadlineAt.toISOString(),
            extendedAt: at,
          },
        },
      ];
    case 'MoveDeadline':
      return [
        {
          type: 'OrderDeadlineMoved',
          schemaVersion: 1,
          payload: { orderId, departmentId, deadlineAt: command.deadlineAt.toISOString(), movedAt: at },
        },
      ];
    case 'CloseExtensionRequest':
      return [
        {
          type: 'ExtensionRequestClosed',
          schemaVersion: 1,
          payload: { orderId, departmentId, requestId: command.requestId, closedAt: at },
        },
      ];
  }
}
