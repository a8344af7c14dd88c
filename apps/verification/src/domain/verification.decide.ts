import type { VerificationOpenedV1 } from '@cityloop/contracts';
import {
  NotAwaitingSignOffError,
  VerificationAlreadyDoneError,
  VerificationNotFoundError,
} from './verification.errors';
import type { VerificationEvent } from './verification.events';
import type { VerificationState } from './verification.state';

export type VerificationCommand =
  | { kind: 'OpenVerification'; check: VerificationOpenedV1 }
  | {
      kind: 'RecordResult';
      verificationId: string;
      passed: boolean;
      at: Date;
      notes?: string;
      evidenceIds: string[];
      /** The district's rule: a pass waits for the duty chief's sign-off (值班长审核结案). */
      signOffRequired: boolean;
    }
  | { kind: 'SignOff'; verificationId: string; approve: boolean; at: Date; reason?: string };

/**
 * 核查: a disposal report opens an on-site check; the patroller's result closes the case (结案) or
 * sends the order back for rework (返工). A check is decided once.
 */
export function decide(command: VerificationCommand, state: VerificationState): VerificationEvent[] {
  if (command.kind === 'OpenVerification') {
    return state.status === 'none'
      ? [{ type: 'VerificationOpened', schemaVersion: 1, payload: command.check }]
      : [];
  }
  if (state.status === 'none') throw new VerificationNotFoundError(command.verificationId);
  const { verificationId, orderId, departmentId } = state.check;
  if (command.kind === 'SignOff') {
    if (state.status !== 'passed') throw new NotAwaitingSignOffError(verificationId, state.status);
    const at = command.at.toISOString();
    if (command.approve)
      return [{ type: 'CaseClosed', schemaVersion: 1, payload: { verificationId, orderId, closedAt: at } }];
    const notes = command.reason ? { notes: command.reason } : {};
    return [
      {
        type: 'VerificationFailed',
        schemaVersion: 1,
        payload: { verificationId, orderId, departmentId, checkedAt: at, evidenceIds: [], ...notes },
      },
    ];
  }
  if (state.status !== 'open') throw new VerificationAlreadyDoneError(command.verificationId, state.status);
  const checkedAt = command.at.toISOString();
  const result = {
    verificationId,
    orderId,
    checkedAt,
    evidenceIds: command.evidenceIds,
    ...(command.notes && { notes: command.notes }),
  };
  if (!command.passed)
    return [{ type: 'VerificationFailed', schemaVersion: 1, payload: { ...result, departmentId } }];
  if (command.signOffRequired) return [{ type: 'VerificationPassed', schemaVersion: 1, payload: result }];
  return [
    { type: 'VerificationPassed', schemaVersion: 1, payload: result },
    { type: 'CaseClosed', schemaVersion: 1, payload: { verificationId, orderId, closedAt: checkedAt } },
  ];
}
