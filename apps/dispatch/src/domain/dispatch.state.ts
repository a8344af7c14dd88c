import type { DispatchEvent } from './dispatch.events';

/** Dispatch's view of one case: which order is current, at which department, due when. */
export type DispatchState =
  | { status: 'undispatched' }
  | {
      status: 'dispatched';
      orderId: string;
      departmentId: string;
      deadlineAt: string;
      departments: string[];
    };

export const initialDispatchState: DispatchState = { status: 'undispatched' };

export function evolve(state: DispatchState, event: DispatchEvent): DispatchState {
  switch (event.type) {
    case 'CaseDispatched': {
      const before = state.status === 'dispatched' ? state.departments : [];
      return {
        status: 'dispatched',
        orderId: event.payload.orderId,
        departmentId: event.payload.departmentId,
        deadlineAt: event.payload.deadlineAt,
        departments: [...before, event.payload.departmentId],
      };
    }
  }
}
