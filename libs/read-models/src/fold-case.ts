import { workingTimeBetween, type MetricRules, type WorkingCalendar } from '@cityloop/domain';
import type { CaseRecord } from './case-record';
import { inLoopOrder, statusOf } from './case-status';
import type { TimelineEntry } from './timeline-entry';

export interface FoldContext {
  calendar: WorkingCalendar;
  rules: Pick<MetricRules, 'disposalClockFrom'>;
}

const CITIZEN_SOURCES = new Set(['hotline', 'app', 'open311']);
const PROACTIVE_SOURCES = new Set(['patrol', 'video']);

type Payload = Record<string, unknown>;
const text = (payload: Payload, field: string): string | null => {
  const value = payload[field];
  return typeof value === 'string' ? value : null;
};
const instant = (payload: Payload, field: string): Date | null => {
  const value = text(payload, field);
  return value ? new Date(value) : null;
};

/**
 * The case record (docs/METRICS.md, "The case record"): a pure function of the set of the case's
 * events, so that the read model is the same whatever order, how often, and how late they arrive.
 */
export function foldCase(caseId: string, events: readonly TimelineEntry[], context: FoldContext): CaseRecord {
  const entries = [...events].sort(inLoopOrder);
  const all = (type: string) => entries.filter((e) => e.type === type);
  const first = (type: string) => entries.find((e) => e.type === type) ?? null;
  const last = (type: string) => all(type).at(-1) ?? null;

  const reported = first('CaseReported');
  const placed = reported ?? first('CaseFiled') ?? first('CaseDispatched');
  const report = reported?.payload ?? {};
  const location = report.location as { lat: number; lng: number } | undefined;

  const reportedAt = reported?.occurredAt ?? null;

  // The current order: the latest dispatch (a re-dispatch after a return, or after a reopen).
  const dispatches = all('CaseDispatched');
  const current = dispatches.at(-1) ?? null;
  const orderId = current ? text(current.payload, 'orderId') : null;
  const ofOrder = (e: TimelineEntry) => orderId !== null && e.payload.orderId === orderId;

  const deadlineAt = current
    ? entries
        .filter((e) => ofOrder(e) && ['CaseDispatched', 'ExtensionApproved', 'CaseResumed'].includes(e.type))
        .map((e) => instant(e.payload, 'deadlineAt'))
        .filter((d): d is Date => d !== null)
        .at(-1)!
    : null;
  const signed = entries.find((e) => e.type === 'OrderSigned' && ofOrder(e)) ?? null;

  const disposal = entries.filter((e) => e.type === 'DisposalReported' && ofOrder(e)).at(-1) ?? null;
  const sentBackAfter =
    disposal !== null &&
    entries.some(
      (e) =>
        ofOrder(e) &&
        (e.type === 'VerificationFailed' || e.type === 'OrderSentBackForRework') &&
        inLoopOrder(e, disposal) > 0,
    );
  const disposedAt = disposal && !sentBackAfter ? disposal.occurredAt : null;
  const clockStart = context.rules.disposalClockFrom === 'sign' ? signed?.occurredAt : current?.occurredAt;
  const disposeWorkingSeconds =
    disposedAt && clockStart ? workingTimeBetween(clockStart, disposedAt, context.calendar) / 1000 : null;

  const postponement = last('CasePostponed');
  const postponed =
    postponement !== null &&
    !entries.some((e) => e.type === 'CaseResumed' && inLoopOrder(e, postponement) > 0);

  const closure = last('CaseClosed');
  const reopenedAfter =
    closure !== null && entries.some((e) => e.type === 'CaseReopened' && inLoopOrder(e, closure) > 0);
  const followUp = first('FollowUpRecorded');

  return {
    caseId,
    status: statusOf(entries),
    categoryCode: placed ? text(placed.payload, 'categoryCode') : null,
    source: text(report, 'source'),
    urgency: text(report, 'urgency'),
    streetId: placed ? text(placed.payload, 'streetId') : null,
    communityId: text(report, 'communityId'),
    gridCellCode: placed ? text(placed.payload, 'gridCellCode') : null,
    lng: location?.lng ?? null,
    lat: location?.lat ?? null,
    proactive: PROACTIVE_SOURCES.has(text(report, 'source') ?? ''),
    citizen: CITIZEN_SOURCES.has(text(report, 'source') ?? ''),
    reportedAt,
    callerOnsetAt: reportedAt && callerOnsetOf(entries, reportedAt),
    filedAt: first('CaseFiled')?.occurredAt ?? null,
    rejectedAt: first('CaseRejected')?.occurredAt ?? null,
    firstDispatchedAt: dispatches[0]?.occurredAt ?? null,
    orderId,
    departmentId: current ? text(current.payload, 'departmentId') : null,
    dispatchedAt: current?.occurredAt ?? null,
    deadlineAt,
    timeLimitUnit: current ? text(current.payload, 'timeLimitUnit') : null,
    departmentCount: new Set(dispatches.map((d) => d.payload.departmentId)).size,
    signedAt: signed?.occurredAt ?? null,
    disposedAt,
    disposeWorkingSeconds,
    verificationFailures: all('VerificationFailed').length,
    extended: entries.some((e) => e.type === 'ExtensionApproved' && ofOrder(e)),
    postponed,
    closedAt: closure && !reopenedAfter ? closure.occurredAt : null,
    satisfaction: followUp ? text(followUp.payload, 'satisfaction') : null,
    followedUpAt: followUp?.occurredAt ?? null,
    updatedAt: entries.at(-1)!.occurredAt,
  };
}

/**
 * The caller-given onset (问题发生时间): the earliest "since when" of the case's reports, if not after
 * the first report. The patrol-pass onset is joined in SQL (the cases_with_onset view), so that a
 * pass and a report arriving in either order give the same figure.
 */
function callerOnsetOf(entries: readonly TimelineEntry[], reportedAt: Date): Date | null {
  const given = entries
    .filter((e) => e.type === 'CaseReported' || e.type === 'ReportAttached')
    .map((e) => instant(e.payload, 'onsetAt'))
    .filter((d): d is Date => d !== null && d.getTime() <= reportedAt.getTime())
    .sort((a, b) => a.getTime() - b.getTime());
  return given[0] ?? null;
}
