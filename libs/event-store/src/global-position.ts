/**
 * A place in a store's global order: the writing transaction's id (xid8), then the event's position.
 * Both are 64-bit, carried as decimal strings so no precision is lost in JavaScript.
 */
export interface GlobalPosition {
  transactionId: string;
  position: string;
}

export const START_OF_STORE: GlobalPosition = { transactionId: '0', position: '0' };
