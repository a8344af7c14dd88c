import type { TimelineEntry } from './timeline-entry';

/**
 * A case's status follows its latest step in business time, whatever order the services' events
 * arrived in. Steps at the same instant (a patrol report filed automatically, say) are ordered by
 * their place in the loop.
 */
export const STATUS_AFTER: Record<string, { status: string | null; rank: number }> = {
  CaseReported: { status: 'reported', rank: 1 },
  ReportAttached: { status: null, rank: 1 },
  CaseRejected: { status: 'rejected', rank: 2 },
  CaseFiled: { status: 'filed', rank: 2 },
  CaseDispatched: { status: 'dispatched', rank: 3 },
  // An accepted return (退单) puts the case back before dispatch; its re-dispatch, at the same
  // instant, comes later in dispatch's own stream (same rank, higher stream version).
  ReturnApproved: { status: 'filed', rank: 3 },
  OrderSigned: { status: 'signed', rank: 4 },
  OrderReturned: { status: null, rank: 4 },
  ReturnRejected: { status: null, rank: 4 },
  // The order is the department's again as it was (dispatched or signed): the status is in the event.
  OrderReinstated: { status: '*', rank: 4 },
  ExtensionRequested: { status: null, rank: 4 },
  ExtensionApproved: { status: null, rank: 4 },
  ExtensionDenied: { status: null, rank: 4 },
  // 缓办: postponed until resumed; a resumption restores the status the case had (see below).
  CasePostponed: { status: 'postponed', rank: 4 },
  CaseResumed: { status: null, rank: 4 },
  DeadlineReminderRaised: { status: null, rank: 4 },
  OrderEscalated: { status: null, rank: 4 },
  DisposalReported: { status: 'disposed', rank: 5 },
  VerificationOpened: { status: null, rank: 6 },
  VerificationFailed: { status: 'rework', rank: 7 },
  OrderSentBackForRework: { status: 'rework', rank: 8 },
  VerificationPassed: { status: null, rank: 7 },
  CaseClosed: { status: 'closed', rank: 9 },
  FollowUpRecorded: { status: null, rank: 1 },
  // 重办: ranked before dispatch, so that the re-dispatch at the same instant shows as the status.
  CaseReopened: { status: 'reopened', rank: 2 },
};

const rankOf = (type: string): number => STATUS_AFTER[type]?.rank ?? 99;

/** The loop's order of a case's events: business time, place in the loop, stream version, id. */
export function inLoopOrder(a: TimelineEntry, b: TimelineEntry): number {
  return (
    a.occurredAt.getTime() - b.occurredAt.getTime() ||
    rankOf(a.type) - rankOf(b.type) ||
    a.streamVersion - b.streamVersion ||
    (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0)
  );
}

/** The status after the latest step that sets one (entries in loop order); a resumed postponement sets none. */
export function statusOf(entries: readonly TimelineEntry[]): string {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    const status = STATUS_AFTER[entry.type]?.status;
    if (!status) continue;
    if (entry.type === 'CasePostponed' && entries.some((e, j) => j > i && e.type === 'CaseResumed')) continue;
    return status === '*' ? String(entry.payload.status) : status;
  }
  return 'reported';
}

/** SQL ordering steps at the same instant by their place in the loop (for the timeline). */
export const STEP_RANK_SQL = `CASE type ${Object.entries(STATUS_AFTER)
  .map(([type, { rank }]) => `WHEN '${type}' THEN ${rank}`)
  .join(' ')} ELSE 99 END`;
