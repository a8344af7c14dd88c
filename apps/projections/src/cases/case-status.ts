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

/** SQL for the status of case $1 from its timeline (used after every timeline insert). */
export const REFRESH_STATUS_SQL = `
  UPDATE cases SET status = latest.status, updated_at = latest.occurred_at
    FROM (
      SELECT t.occurred_at, CASE WHEN s.status = '*' THEN t.details->>'status' ELSE s.status END AS status
        FROM case_timeline t
        JOIN (SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(type text, status text, rank int)) s ON s.type = t.type
       WHERE t.case_id = $1 AND s.status IS NOT NULL
         AND NOT (t.type = 'CasePostponed' AND EXISTS (
               SELECT 1 FROM case_timeline r
                WHERE r.case_id = t.case_id AND r.type = 'CaseResumed' AND r.occurred_at >= t.occurred_at))
       ORDER BY t.occurred_at DESC, s.rank DESC, t.stream_version DESC, t.event_id DESC
       LIMIT 1
    ) latest
   WHERE cases.case_id = $1`;

export const STATUS_TABLE = JSON.stringify(
  Object.entries(STATUS_AFTER).map(([type, { status, rank }]) => ({ type, status, rank })),
);

/** SQL ordering steps at the same instant by their place in the loop (for the timeline). */
export const STEP_RANK_SQL = `CASE type ${Object.entries(STATUS_AFTER)
  .map(([type, { rank }]) => `WHEN '${type}' THEN ${rank}`)
  .join(' ')} ELSE 99 END`;
