import type { DispatchEvent } from './dispatch.events';

/**
 * Dispatch's view of one case: its current order (department, deadline), or none yet, or none
 * since the dispatcher accepted a return (退单) and the case awaits a new department. `departments`
 * lists every department it was sent to (two or more: a wrong dispatch).
 */
export type DispatchState =
  | { status: 'undispatched'; departments: string[] }
  | { status: 'returned'; departments: string[] }
  | {
      status: 'dispatched';
      orderId: string;
      departmentId: string;
      deadlineAt: string;
      timeLimitUnit: string;
      departments: string[];
      /** Set while the case is postponed (缓办): when it was. */
      postponedAt?: string;
    };

export const initialDispatchState: DispatchState = { status: 'undispatched', departments: [] };

export function evolve(state: DispatchState, event: DispatchEvent): DispatchState {
  switch (event.type) {
    case 'CaseDispatched':
      return {
        status: 'dispatched',
        orderId: event.payload.orderId,
        departmentId: event.payload.departmentId,
        deadlineAt: event.payload.deadlineAt,
        timeLimitUnit: event.payload.timeLimitUnit,
        departments: [...state.departments, event.payload.departmentId],
      };
    case 'ReturnApproved':
      return { status: 'returned', departments: state.departments };
    case 'ExtensionApproved':
      return state.status === 'dispatched' ? { ...state, deadlineAt: event.payload.deadlineAt } : state;
    case 'CasePostponed':
      return state.status === 'dispatched' ? { ...state, postponedAt: event.payload.postponedAt } : state;
    case 'CaseResumed':
      return state.status === 'dispatched'
        ? { ...state, postponedAt: undefined, deadlineAt: event.payload.deadlineAt }
        : state;
    case 'ReturnRejected':
    case 'ExtensionDenied':
    case 'DeadlineReminderRaised':
    case 'OrderEscalated':
      return state;
  }
}
