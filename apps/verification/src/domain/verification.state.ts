import type { VerificationOpenedV1 } from '@cityloop/contracts';
import type { VerificationEvent } from './verification.events';

/** passed: awaiting the chief's sign-off where the district requires it; closed: the case is closed. */
export type VerificationStatus = 'open' | 'passed' | 'failed' | 'closed';

export type VerificationState =
  { status: 'none' } | { status: VerificationStatus; check: VerificationOpenedV1 };

export const initialVerificationState: VerificationState = { status: 'none' };

export function evolve(state: VerificationState, event: VerificationEvent): VerificationState {
  if (event.type === 'VerificationOpened') return { status: 'open', check: event.payload };
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'VerificationPassed':
      return { ...state, status: 'passed' };
    case 'VerificationFailed':
      return { ...state, status: 'failed' };
    case 'CaseClosed':
      return { ...state, status: 'closed' };
  }
}
