import { foldCase, type FoldContext, type TimelineEntry } from '@cityloop/read-models';
import type { CaseProgressRecord } from './case-progress.record';

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
    urgency: record.urgency,
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
