/** One row of `cases`: what the metrics need to know of a case (docs/METRICS.md, "The case record"). */
export interface CaseRecord {
  caseId: string;
  status: string;
  categoryCode: string | null;
  /** The first report's source. */
  source: string | null;
  urgency: string | null;
  streetId: string | null;
  communityId: string | null;
  gridCellCode: string | null;
  lng: number | null;
  lat: number | null;
  /** First found by patrol or video (主动发现). */
  proactive: boolean;
  /** First reported by a citizen: hotline, app, open311 (漏报 when so). */
  citizen: boolean;
  reportedAt: Date | null;
  /** The earliest "since when" a caller gave (the patrol-pass onset is joined in SQL: cases_with_onset). */
  callerOnsetAt: Date | null;
  filedAt: Date | null;
  rejectedAt: Date | null;
  firstDispatchedAt: Date | null;
  /** The current order: the latest dispatch. */
  orderId: string | null;
  departmentId: string | null;
  dispatchedAt: Date | null;
  deadlineAt: Date | null;
  /** The current order's kind of limit: workingHours, workingDays or calendarHours. */
  timeLimitUnit: string | null;
  departmentCount: number;
  signedAt: Date | null;
  disposedAt: Date | null;
  disposeWorkingSeconds: number | null;
  verificationFailures: number;
  extended: boolean;
  postponed: boolean;
  closedAt: Date | null;
  satisfaction: string | null;
  followedUpAt: Date | null;
  /** Business time of the case's latest event. */
  updatedAt: Date;
}

/** The `cases` columns, in CaseRecord's order: one list for the upsert, the checksum and the exports. */
export const CASE_COLUMNS = {
  caseId: 'case_id',
  status: 'status',
  categoryCode: 'category_code',
  source: 'source',
  urgency: 'urgency',
  streetId: 'street_id',
  communityId: 'community_id',
  gridCellCode: 'grid_cell_code',
  lng: 'lng',
  lat: 'lat',
  proactive: 'proactive',
  citizen: 'citizen',
  reportedAt: 'reported_at',
  callerOnsetAt: 'caller_onset_at',
  filedAt: 'filed_at',
  rejectedAt: 'rejected_at',
  firstDispatchedAt: 'first_dispatched_at',
  orderId: 'order_id',
  departmentId: 'department_id',
  dispatchedAt: 'dispatched_at',
  deadlineAt: 'deadline_at',
  timeLimitUnit: 'time_limit_unit',
  departmentCount: 'department_count',
  signedAt: 'signed_at',
  disposedAt: 'disposed_at',
  disposeWorkingSeconds: 'dispose_working_seconds',
  verificationFailures: 'verification_failures',
  extended: 'extended',
  postponed: 'postponed',
  closedAt: 'closed_at',
  satisfaction: 'satisfaction',
  followedUpAt: 'followed_up_at',
  updatedAt: 'updated_at',
} as const satisfies Record<keyof CaseRecord, string>;
