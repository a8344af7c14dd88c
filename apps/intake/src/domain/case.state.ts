import type { CaseReportedV1 } from '@cityloop/contracts';
import type { CaseEvent } from './case.events';

/** Intake's view of one case, folded from its stream. */
export type CaseState =
  { status: 'none' } | { status: 'reported' | 'filed' | 'rejected'; report: CaseReportedV1 };

export const initialCaseState: CaseState = { status: 'none' };

export function evolve(state: CaseState, event: CaseEvent): CaseState {
  switch (event.type) {
    case 'CaseReported':
      return { status: 'reported', report: event.payload };
    case 'CaseFiled':
      return state.status === 'none' ? state : { ...state, status: 'filed' };
    case 'CaseRejected':
      return state.status === 'none' ? state : { ...state, status: 'rejected' };
    case 'ReportAttached':
    case 'FollowUpRecorded':
    case 'CaseReopened':
      return state;
  }
}
