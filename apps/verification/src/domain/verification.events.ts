import type {
  CaseClosedV1,
  VerificationFailedV1,
  VerificationOpenedV1,
  VerificationPassedV1,
} from '@cityloop/contracts';

export type VerificationEvent =
  | { type: 'VerificationOpened'; schemaVersion: 1; payload: VerificationOpenedV1 }
  | { type: 'VerificationPassed'; schemaVersion: 1; payload: VerificationPassedV1 }
  | { type: 'VerificationFailed'; schemaVersion: 1; payload: VerificationFailedV1 }
  | { type: 'CaseClosed'; schemaVersion: 1; payload: CaseClosedV1 };
