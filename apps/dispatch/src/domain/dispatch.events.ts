import type {
  CaseDispatchedV1,
  CasePostponedV1,
  CaseResumedV1,
  DeadlineReminderRaisedV1,
  OrderEscalatedV1,
  ExtensionApprovedV1,
  ExtensionDeniedV1,
  ReturnApprovedV1,
  ReturnRejectedV1,
} from '@cityloop/contracts';

/** The events dispatch's case stream holds. */
export type DispatchEvent =
  | { type: 'CaseDispatched'; schemaVersion: 1; payload: CaseDispatchedV1 }
  | { type: 'ReturnApproved'; schemaVersion: 1; payload: ReturnApprovedV1 }
  | { type: 'ReturnRejected'; schemaVersion: 1; payload: ReturnRejectedV1 }
  | { type: 'ExtensionApproved'; schemaVersion: 1; payload: ExtensionApprovedV1 }
  | { type: 'ExtensionDenied'; schemaVersion: 1; payload: ExtensionDeniedV1 }
  | { type: 'DeadlineReminderRaised'; schemaVersion: 1; payload: DeadlineReminderRaisedV1 }
  | { type: 'OrderEscalated'; schemaVersion: 1; payload: OrderEscalatedV1 }
  | { type: 'CasePostponed'; schemaVersion: 1; payload: CasePostponedV1 }
  | { type: 'CaseResumed'; schemaVersion: 1; payload: CaseResumedV1 };
