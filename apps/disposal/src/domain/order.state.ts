import type { OrderReceivedV1 } from '@cityloop/contracts';
import type { OrderEvent } from './order.events';

/** The order statuses of API.md: dispatched (received, not signed), signed, disposed, rework, returned, closed. */
export type OrderStatus = 'dispatched' | 'signed' | 'disposed' | 'rework' | 'returned' | 'closed';

export type OrderState =
  | { status: 'none' }
  | { status: OrderStatus; order: OrderReceivedV1; pendingExtension: boolean; signed: boolean };

export const initialOrderState: OrderState = { status: 'none' };

export function evolve(state: OrderState, event: OrderEvent): OrderState {
  if (event.type === 'OrderReceived')
    return { status: 'dispatched', order: event.payload, pendingExtension: false, signed: false };
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'OrderSigned':
      return { ...state, status: 'signed', signed: true };
    case 'OrderReturned':
      return { ...state, status: 'returned' };
    case 'ExtensionRequested':
      return { ...state, pendingExtension: true };
    case 'DisposalReported':
      return { ...state, status: 'disposed' };
    case 'OrderSentBackForRework':
      return { ...state, status: 'rework' };
    case 'OrderClosed':
      return { ...state, status: 'closed' };
    case 'OrderReinstated':
      return { ...state, status: state.signed ? 'signed' : 'dispatched' };
    case 'OrderDeadlineExtended':
      return {
        ...state,
        pendingExtension: false,
        order: { ...state.order, deadlineAt: event.payload.deadlineAt },
      };
    case 'OrderDeadlineMoved':
      return { ...state, order: { ...state.order, deadlineAt: event.payload.deadlineAt } };
    case 'ExtensionRequestClosed':
      return { ...state, pendingExtension: false };
  }
}
