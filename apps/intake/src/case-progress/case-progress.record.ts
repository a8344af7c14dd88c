/** How a case is going, as intake keeps it (a row of case_progress). */
export interface CaseProgressRecord {
  caseId: string;
  /** The case's status after libs/read-models: reported, filed, dispatched, signed, ... closed. */
  status: string;
  categoryCode: string | null;
  /** The first report's source (hotline, patrol, open311, ...). */
  source: string | null;
  /** normal or urgent: which of the category's time limits applies. */
  urgency: string | null;
  /** What the first report said, and where. */
  description: string | null;
  addressText: string | null;
  lat: number | null;
  lng: number | null;
  /** When the first report came in; null until its CaseReported has arrived. */
  reportedAt: Date | null;
  /** The current order's department and its (possibly extended or moved) deadline. */
  departmentId: string | null;
  deadlineAt: Date | null;
  /** When the case was closed (null once reopened), or rejected. */
  closedAt: Date | null;
  rejectedAt: Date | null;
  /** Business time of the case's latest event. */
  updatedAt: Date;
}

/** The case_progress columns, in CaseProgressRecord's order: one list for the upsert and the reads. */
export const CASE_PROGRESS_COLUMNS = {
  caseId: 'case_id',
  status: 'status',
  categoryCode: 'category_code',
  source: 'source',
  urgency: 'urgency',
  description: 'description',
  addressText: 'address_text',
  lat: 'lat',
  lng: 'lng',
  reportedAt: 'reported_at',
  departmentId: 'department_id',
  deadlineAt: 'deadline_at',
  closedAt: 'closed_at',
  rejectedAt: 'rejected_at',
  updatedAt: 'updated_at',
} as const satisfies Record<keyof CaseProgressRecord, string>;

/** A SELECT list giving case_progress rows as CaseProgressRecords. */
export const CASE_PROGRESS_RECORD = Object.entries(CASE_PROGRESS_COLUMNS)
  .map(([field, column]) => `${column} AS "${field}"`)
  .join(', ');
