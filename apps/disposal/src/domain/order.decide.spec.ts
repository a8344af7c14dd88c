import type { OrderReceivedV1 } from '@cityloop/contracts';
import { decide, type OrderCommand } from './order.decide';
import { ExtensionPendingError, OrderNotFoundError, OrderStateError } from './order.errors';
import type { OrderEvent } from './order.events';
import { evolve, initialOrderState } from './order.state';

const given = (...events: OrderEvent[]) => ({
  when: (command: OrderCommand) => {
    const state = events.reduce(evolve, initialOrderState);
    const run = () => decide(command, state);
    return {
      then: (expected: OrderEvent[]) => expect(run()).toEqual(expected),
      thenThrows: (error: new (...args: never[]) => Error) => expect(run).toThrow(error),
    };
  },
});

const orderId = 'c0a8012e-0000-4000-8000-0000000000aa';
const at = new Date('2026-03-02T03:00:00Z');
const order: OrderReceivedV1 = {
  orderId,
  departmentId: 'sanitation',
  dispatchedAt: '2026-03-02T02:00:00.000Z',
  deadlineAt: '2026-03-02T06:00:00.000Z',
  timeLimitUnit: 'workingHours',
  gridCellCode: '310199001001001',
  streetId: '310199001',
  categoryCode: '1102',
};
const base = { orderId, departmentId: 'sanitation' };
const received: OrderEvent = { type: 'OrderReceived', schemaVersion: 1, payload: order };
const signed: OrderEvent = {
  type: 'OrderSigned',
  schemaVersion: 1,
  payload: { ...base, signedAt: at.toISOString() },
};
const disposed: OrderEvent = {
  type: 'DisposalReported',
  schemaVersion: 1,
  payload: {
    ...base,
    reportedAt: at.toISOString(),
    notes: '已清理',
    evidenceIds: [],
    gridCellCode: order.gridCellCode,
  },
};
const returned: OrderEvent = {
  type: 'OrderReturned',
  schemaVersion: 1,
  payload: { ...base, returnedAt: at.toISOString(), reason: 'wrong-area' },
};
const reworkFromVerification = 'c0a8012e-0000-4000-8000-0000000000bb';
const rework: OrderEvent = {
  type: 'OrderSentBackForRework',
  schemaVersion: 1,
  payload: { ...base, verificationId: reworkFromVerification, sentBackAt: at.toISOString() },
};
const closed: OrderEvent = {
  type: 'OrderClosed',
  schemaVersion: 1,
  payload: { ...base, closedAt: at.toISOString() },
};

const sign: OrderCommand = { kind: 'SignOrder', orderId, at };
const dispose: OrderCommand = { kind: 'ReportDisposal', orderId, at, notes: '已清理', evidenceIds: [] };
const giveBack: OrderCommand = { kind: 'ReturnOrder', orderId, at, reason: 'wrong-area' };
const extend: OrderCommand = {
  kind: 'RequestExtension',
  orderId,
  requestId: orderId,
  at,
  hours: 8,
  reason: '需协调',
};
const sendBack: OrderCommand = {
  kind: 'SendBackForRework',
  orderId,
  verificationId: reworkFromVerification,
  at,
};
const close: OrderCommand = { kind: 'CloseOrder', orderId, at };

describe('order decider (disposal)', () => {
  describe('allowed steps', () => {
    it('receives a dispatched order once', () =>
      given().when({ kind: 'ReceiveOrder', order }).then([received]));
    it('ignores a redelivered dispatch', () =>
      given(received).when({ kind: 'ReceiveOrder', order }).then([]));
    it('signs a received order', () => given(received).when(sign).then([signed]));
    it('reports the disposal of a signed order', () =>
      given(received, signed).when(dispose).then([disposed]));
    it('returns an order before it is signed', () => given(received).when(giveBack).then([returned]));
    it('returns a signed order', () => given(received, signed).when(giveBack).then([returned]));
    it('asks for an extension', () =>
      given(received, signed)
        .when(extend)
        .then([
          {
            type: 'ExtensionRequested',
            schemaVersion: 1,
            payload: {
              ...base,
              requestId: orderId,
              requestedAt: at.toISOString(),
              hours: 8,
              reason: '需协调',
            },
          },
        ]));
    it('sends a disposed order back for rework', () =>
      given(received, signed, disposed).when(sendBack).then([rework]));
    it('reports the disposal of a reworked order again', () =>
      given(received, signed, disposed, rework).when(dispose).then([disposed]));
    it('closes a disposed order', () => given(received, signed, disposed).when(close).then([closed]));
  });

  describe('forbidden steps', () => {
    it('refuses to act on an order that never arrived', () =>
      given().when(sign).thenThrows(OrderNotFoundError));
    it('refuses to dispose before signing', () => given(received).when(dispose).thenThrows(OrderStateError));
    it('refuses to sign twice', () => given(received, signed).when(sign).thenThrows(OrderStateError));
    it('refuses to act on a returned order', () => {
      given(received, returned).when(sign).thenThrows(OrderStateError);
      given(received, returned).when(extend).thenThrows(OrderStateError);
    });
    it('refuses to return a disposed order', () =>
      given(received, signed, disposed).when(giveBack).thenThrows(OrderStateError));
    it('refuses rework before a disposal', () =>
      given(received, signed).when(sendBack).thenThrows(OrderStateError));
    it('refuses to close twice, and any step on a closed order', () => {
      given(received, signed, disposed, closed).when(close).thenThrows(OrderStateError);
      given(received, signed, disposed, closed).when(extend).thenThrows(OrderStateError);
    });
    it('refuses a second extension request while one is pending', () =>
      given(received, signed, {
        type: 'ExtensionRequested',
        schemaVersion: 1,
        payload: { ...base, requestId: orderId, requestedAt: at.toISOString(), hours: 8, reason: 'x' },
      })
        .when(extend)
        .thenThrows(ExtensionPendingError));
  });
});

describe("order decider: the dispatcher's answers", () => {
  const requestId = 'c0a8012e-0000-4000-8000-0000000000ee';
  const requested: OrderEvent = {
    type: 'ExtensionRequested',
    schemaVersion: 1,
    payload: { ...base, requestId, requestedAt: at.toISOString(), hours: 8, reason: '需协调' },
  };

  it('reinstates a refused return as it was: signed stays signed', () => {
    given(received, signed, returned)
      .when({ kind: 'ReinstateOrder', orderId, at })
      .then([
        {
          type: 'OrderReinstated',
          schemaVersion: 1,
          payload: { ...base, status: 'signed', reinstatedAt: at.toISOString() },
        },
      ]);
    given(received, returned)
      .when({ kind: 'ReinstateOrder', orderId, at })
      .then([
        {
          type: 'OrderReinstated',
          schemaVersion: 1,
          payload: { ...base, status: 'dispatched', reinstatedAt: at.toISOString() },
        },
      ]);
  });

  it('moves the deadline on an approved extension, and lets the department ask again', () => {
    const deadlineAt = new Date('2026-03-03T06:00:00Z');
    const extended: OrderEvent = {
      type: 'OrderDeadlineExtended',
      schemaVersion: 1,
      payload: { ...base, requestId, deadlineAt: deadlineAt.toISOString(), extendedAt: at.toISOString() },
    };
    given(received, signed, requested)
      .when({ kind: 'ExtendDeadline', orderId, requestId, deadlineAt, at })
      .then([extended]);
    const state = [received, signed, requested, extended].reduce(evolve, initialOrderState);
    expect(state.status !== 'none' && state.order.deadlineAt).toBe('2026-03-03T06:00:00.000Z');
    expect(state.status !== 'none' && state.pendingExtension).toBe(false);
  });

  it("takes the dispatcher's word on the deadline of an order already closed as moot", () => {
    const deadlineAt = new Date('2026-03-03T06:00:00Z');
    const closedOrder = given(received, signed, requested, disposed, closed);
    closedOrder.when({ kind: 'MoveDeadline', orderId, deadlineAt, at }).then([]);
    closedOrder.when({ kind: 'ExtendDeadline', orderId, requestId, deadlineAt, at }).then([]);
    closedOrder.when({ kind: 'CloseExtensionRequest', orderId, requestId, at }).then([]);
  });

  it('refuses to reinstate an order that was not returned', () =>
    given(received, signed).when({ kind: 'ReinstateOrder', orderId, at }).thenThrows(OrderStateError));
});
