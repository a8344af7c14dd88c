import { foldCase, type FoldContext, type TimelineEntry } from '@cityloop/read-models';

/** How a case is going, as intake keeps it (a row of case_progress). */
export interface CaseProgressRecord {
  caseId: string;
  /** The case's status after libs/read-models: reported, filed, dispatched, signed, ... closed. */
  status: string;
  categoryCode: string | null;
  /** The first report's source (hotline, patrol, open311, ...). */
  source: string | null;
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

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * A case's progress from all its events, in any order: the case record of libs/read-models
 * (one set of status rules for the whole system) with what its first report said.
 */
export function caseProgressOf(
  caseId: string,
  events: readonly TimelineEntry[],
  context: FoldContext,
): CaseProgressRecord {
  const record = foldCase(caseId, events, context);
  const report = events.find((e) => e.type === 'CaseReported')?.payload ?? {};
  return {
    caseId,
    status: record.status,
    categoryCode: record.categoryCode,
    source: record.source,
    description: text(report.description),
    addressText: text(report.addressText),
    lat: record.lat,
    lng: record.lng,
    reportedAt: record.reportedAt,
    departmentId: record.departmentId,
    deadlineAt: record.deadlineAt,
    closedAt: record.closedAt,
    rejectedAt: record.rejectedAt,
    updatedAt: record.updatedAt,
  };
}
