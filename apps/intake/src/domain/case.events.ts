import { CASE_REPORTED, type CaseReportedV1 } from '@cityloop/contracts';

/** The events intake's case stream holds, as the pure domain sees them (no ids or metadata yet). */
export type CaseEvent = { type: typeof CASE_REPORTED; schemaVersion: 1; payload: CaseReportedV1 };
