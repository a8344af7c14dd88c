// What the work lists leave out of a case, read from projections' case read model
// (GET /api/v1/cases/{id}) and kept a while: its category, place, department and deadline, what
// its first report said, the reports merged into it, and its passed on-site check.
import { get } from '../api.js';

/** A case's facts are read again after this long. */
const FACTS_TTL_MS = 120_000;

/** facts.of(caseId) → the case's facts (a promise), from the cache while they are fresh. */
export function caseFacts() {
  const cache = new Map(); // caseId → {at, promise}
  return {
    of(caseId) {
      const hit = cache.get(caseId);
      if (hit && Date.now() - hit.at < FACTS_TTL_MS) return hit.promise;
      const promise = get(`/api/v1/cases/${encodeURIComponent(caseId)}`).then(factsOf);
      promise.catch(() => cache.delete(caseId)); // not projected yet, say: ask again next time
      cache.set(caseId, { at: Date.now(), promise });
      return promise;
    },
  };
}

/**
 * Each list item with what the case read model knows of its case ({item, facts}); facts null
 * when it could not be read (not projected yet, say). extra(item) adds what else the item needs.
 */
export const withFacts = (items, facts, extra = () => ({})) =>
  Promise.all(
    items.map(async (item) => ({
      item,
      facts: await facts.of(item.caseId).catch(() => null),
      ...extra(item),
    })),
  );

function factsOf(c) {
  const timeline = c.timeline ?? [];
  const reported = timeline.find((e) => e.type === 'CaseReported');
  const passed = timeline.findLast((e) => e.type === 'VerificationPassed');
  return {
    categoryCode: c.categoryCode,
    departmentId: c.departmentId,
    gridCellCode: c.gridCellCode,
    streetId: c.streetId,
    deadlineAt: c.deadlineAt,
    description: reported?.description,
    addressText: reported?.addressText,
    reportedAt: reported?.reportedAt ?? reported?.occurredAt,
    urgency: reported?.urgency,
    source: reported?.source,
    attached: timeline.filter((e) => e.type === 'ReportAttached').map(attachedReport),
    passedAt: passed?.occurredAt,
    checkNotes: passed?.notes,
  };
}

const attachedReport = (e) => ({
  source: e.source,
  description: e.description,
  reportedAt: e.reportedAt ?? e.occurredAt,
});
