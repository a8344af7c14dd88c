import type { CASE_DISPATCHED, CaseDispatchedV1 } from '@cityloop/contracts';

/** The events dispatch's case stream holds. */
export type DispatchEvent = { type: typeof CASE_DISPATCHED; schemaVersion: 1; payload: CaseDispatchedV1 };
