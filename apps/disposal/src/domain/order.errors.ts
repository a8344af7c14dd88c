import { DomainError } from '@cityloop/domain';

/**
 * Also what a department gets for another department's order: 404, not 403, so that a token
 * cannot learn which order ids exist elsewhere.
 */
export class OrderNotFoundError extends DomainError {
  constructor(orderId: string) {
    super('ORDER.NOT_FOUND', `no order ${orderId} in your inbox`, 404);
  }
}

/** The order is not in a state that allows this step (dispose before sign, act on a returned order...). */
export class OrderStateError extends DomainError {
  constructor(orderId: string, status: string, action: string) {
    super('ORDER.INVALID_STATE', `order ${orderId} is ${status}: cannot ${action}`, 409, { status, action });
  }
}

export class ExtensionPendingError extends DomainError {
  constructor(orderId: string) {
    super(
      'ORDER.EXTENSION_PENDING',
      `order ${orderId} already has an extension request awaiting the dispatcher`,
      409,
    );
  }
}
