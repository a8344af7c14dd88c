import type {
  CASE_FILED,
  CASE_REJECTED,
  CASE_REPORTED,
  CaseFiledV1,
  CaseRejectedV1,
  CaseReportedV1,
  ReportAttachedV1,
  FollowUpRecordedV1,
  CaseReopenedV1,
} from '@cityloop/contracts';

/** The events intake's case stream holds, as the pure domain sees them (no ids or metadata yet). */
export type CaseEvent =
  | { type: typeof CASE_REPORTED; schemaVersion: 1; payload: CaseReportedV1 }
  | { type: 'ReportAttached'; schemaVersion: 1; payload: ReportAttachedV1 }
  | { type: 'FollowUpRecorded'; schemaVersion: 1; payload: FollowUpRecordedV1 }
  | { type: 'CaseReopened'; schemaVersion: 1; payload: CaseReopenedV1 }
  | { type: typeof CASE_FILED; schemaVersion: 1; payload: CaseFiledV1 }
  | { type: typeof CASE_REJECTED; schemaVersion: 1; payload: CaseRejectedV1 };
