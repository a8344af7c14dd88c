import { decide, type DispatchCase, type DispatchCommand } from './dispatch.decide';
import {
  CaseAlreadyDispatchedError,
  CaseNotFiledError,
  NoPendingExtensionError,
  NoPendingReturnError,
  PostponementError,
  StaleOrderError,
} from './dispatch.errors';
import type { DispatchEvent } from './dispatch.events';
import { evolve, initialDispatchState } from './dispatch.state';

const given = (...events: DispatchEvent[]) => ({
  when: (command: DispatchCommand) => {
    const state = events.reduce(evolve, initialDispatchState);
    const run = () => decide(command, state);
    return {
      then: (expected: DispatchEvent[]) => expect(run()).toEqual(expected),
      thenThrows: (error: new (...args: never[]) => Error) => expect(run).toThrow(error),
    };
  },
});

const dispatch: DispatchCase = {
  kind: 'DispatchCase',
  caseId: 'c0a8012e-0000-4000-8000-000000000001',
  orderId: 'c0a8012e-0000-4000-8000-0000000000aa',
  filedCase: { categoryCode: '1101', streetId: '310101001', gridCellCode: '310101001001001' },
  plan: {
    departmentId: 'sanitation',
    deadlineAt: new Date('2026-03-02T06:00:00Z'),
    timeLimit: { amount: 4, unit: 'workingHours' },
  },
  dispatchedAt: new Date('2026-03-02T02:00:00Z'),
  automatic: true,
};
const dispatched: DispatchEvent = {
  type: 'CaseDispatched',
  schemaVersion: 1,
  payload: {
    orderId: dispatch.orderId,
    departmentId: 'sanitation',
    categoryCode: '1101',
    streetId: '310101001',
    gridCellCode: '310101001001001',
    dispatchedAt: '2026-03-02T02:00:00.000Z',
    deadlineAt: '2026-03-02T06:00:00.000Z',
    timeLimitAmount: 4,
    timeLimitUnit: 'workingHours',
    automatic: true,
  },
};

describe('dispatch decider', () => {
  it('dispatches a filed case to its department with the deadline', () =>
    given().when(dispatch).then([dispatched]));
  it('refuses a case that was not filed', () =>
    given()
      .when({ ...dispatch, filedCase: null, plan: null })
      .thenThrows(CaseNotFiledError));
  it('refuses to dispatch a case twice', () =>
    given(dispatched).when(dispatch).thenThrows(CaseAlreadyDispatchedError));
});

describe('dispatch decider: returns (退单) and extensions (延期)', () => {
  const decidedAt = new Date('2026-03-02T03:00:00Z');
  const returnDecision = {
    kind: 'DecideReturn' as const,
    caseId: dispatch.caseId,
    orderId: dispatch.orderId,
    pending: true,
    approve: false,
    reason: '属本部门职责',
    decidedAt,
  };
  const base = { orderId: dispatch.orderId, departmentId: 'sanitation', decidedAt: decidedAt.toISOString() };

  it('rejects a return: the order stays with the department', () =>
    given(dispatched)
      .when(returnDecision)
      .then([{ type: 'ReturnRejected', schemaVersion: 1, payload: { ...base, reason: '属本部门职责' } }]));

  it('approves a return and re-dispatches to another department at once', () => {
    const redispatch: DispatchCase = {
      ...dispatch,
      orderId: 'c0a8012e-0000-4000-8000-0000000000ab',
      plan: { ...dispatch.plan!, departmentId: 'greening' },
      dispatchedAt: decidedAt,
      automatic: false,
    };
    const [approved, redispatched] = decide(
      { ...returnDecision, approve: true, reason: undefined, redispatch },
      [dispatched].reduce(evolve, initialDispatchState),
    );
    expect(approved).toEqual({ type: 'ReturnApproved', schemaVersion: 1, payload: base });
    expect(redispatched.payload).toMatchObject({
      orderId: redispatch.orderId,
      departmentId: 'greening',
      automatic: false,
    });
    // Two departments: the case counts as a wrong dispatch.
    expect([dispatched, approved, redispatched].reduce(evolve, initialDispatchState).departments).toEqual([
      'sanitation',
      'greening',
    ]);
  });

  it('approves a return without a new department: the case awaits a manual dispatch', () => {
    const approved: DispatchEvent = { type: 'ReturnApproved', schemaVersion: 1, payload: base };
    given(dispatched)
      .when({ ...returnDecision, approve: true, reason: undefined })
      .then([approved]);
    given(dispatched, approved)
      .when({ ...dispatch, orderId: 'c0a8012e-0000-4000-8000-0000000000ac', automatic: false })
      .then([
        {
          ...dispatched,
          payload: {
            ...dispatched.payload,
            orderId: 'c0a8012e-0000-4000-8000-0000000000ac',
            automatic: false,
          },
        },
      ]);
  });

  it('refuses a decision on a return that is not pending, or on an order that is no longer current', () => {
    given(dispatched)
      .when({ ...returnDecision, pending: false })
      .thenThrows(NoPendingReturnError);
    given(dispatched)
      .when({ ...returnDecision, orderId: 'c0a8012e-0000-4000-8000-0000000000ff' })
      .thenThrows(StaleOrderError);
  });

  const extension = {
    kind: 'DecideExtension' as const,
    orderId: dispatch.orderId,
    requestId: 'c0a8012e-0000-4000-8000-0000000000ee',
    pending: true,
    approve: true,
    decidedAt,
    deadlineAt: new Date('2026-03-03T06:00:00Z'),
  };

  it('approves an extension with the new deadline, which becomes the order deadline', () => {
    const approved: DispatchEvent = {
      type: 'ExtensionApproved',
      schemaVersion: 1,
      payload: { ...base, requestId: extension.requestId, deadlineAt: '2026-03-03T06:00:00.000Z' },
    };
    given(dispatched).when(extension).then([approved]);
    const state = [dispatched, approved].reduce(evolve, initialDispatchState);
    expect(state.status === 'dispatched' && state.deadlineAt).toBe('2026-03-03T06:00:00.000Z');
  });

  it('denies an extension with the reason; refuses one that is not pending', () => {
    given(dispatched)
      .when({ ...extension, approve: false, deadlineAt: undefined, reason: '时限充足' })
      .then([
        {
          type: 'ExtensionDenied',
          schemaVersion: 1,
          payload: { ...base, requestId: extension.requestId, reason: '时限充足' },
        },
      ]);
    given(dispatched)
      .when({ ...extension, pending: false })
      .thenThrows(NoPendingExtensionError);
  });
});

describe('dispatch decider: postponement (缓办)', () => {
  const at = new Date('2026-03-02T03:00:00Z');
  const postpone = { kind: 'PostponeCase' as const, caseId: dispatch.caseId, reason: '需市级协调', at };
  const postponed: DispatchEvent = {
    type: 'CasePostponed',
    schemaVersion: 1,
    payload: {
      orderId: dispatch.orderId,
      departmentId: 'sanitation',
      postponedAt: at.toISOString(),
      reason: '需市级协调',
    },
  };
  const resumeAt = new Date('2026-03-04T03:00:00Z');
  const resume = {
    kind: 'ResumeCase' as const,
    caseId: dispatch.caseId,
    at: resumeAt,
    deadlineAt: new Date('2026-03-04T06:00:00Z'),
  };

  it('postpones a dispatched case, and its timers fall silent', () => {
    given(dispatched).when(postpone).then([postponed]);
    given(dispatched, postponed)
      .when({
        kind: 'RaiseTimer',
        timer: 'escalation',
        orderId: dispatch.orderId,
        dueAt: new Date('2026-03-02T06:00:00Z'),
        deadlineAt: new Date('2026-03-02T06:00:00Z'),
      })
      .then([]);
  });

  it('resumes it with the moved deadline', () =>
    given(dispatched, postponed)
      .when(resume)
      .then([
        {
          type: 'CaseResumed',
          schemaVersion: 1,
          payload: {
            orderId: dispatch.orderId,
            departmentId: 'sanitation',
            resumedAt: resumeAt.toISOString(),
            deadlineAt: '2026-03-04T06:00:00.000Z',
          },
        },
      ]));

  it('refuses to postpone twice, an undispatched case, or to resume a case that is not postponed', () => {
    given(dispatched, postponed).when(postpone).thenThrows(PostponementError);
    given().when(postpone).thenThrows(PostponementError);
    given(dispatched).when(resume).thenThrows(PostponementError);
  });
});
