import { decide, type DispatchCase } from './dispatch.decide';
import { CaseAlreadyDispatchedError, CaseNotFiledError } from './dispatch.errors';
import type { DispatchEvent } from './dispatch.events';
import { evolve, initialDispatchState } from './dispatch.state';

const given = (...events: DispatchEvent[]) => ({
  when: (command: DispatchCase) => {
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
