import type { CaseEvent } from './case.events';

/** Intake's view of one case, folded from its stream. */
export type CaseState = { status: 'none' } | { status: 'reported'; categoryCode: string; reportedAt: string };

export const initialCaseState: CaseState = { status: 'none' };

export function evolve(state: CaseState, event: CaseEvent): CaseState {
  switch (event.type) {
    case 'CaseReported':
      return {
        status: 'reported',
        categoryCode: event.payload.categoryCode,
        reportedAt: event.payload.reportedAt,
      };
    default:
      return state;
  }
}
