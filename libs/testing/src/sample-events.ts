import type { CaseReportedV1, EventEnvelope } from '@cityloop/contracts';
import { randomUUID } from 'node:crypto';

/** A valid CaseReported envelope, as a relay would publish it. */
export function sampleCaseReported(
  overrides: Partial<EventEnvelope<'CaseReported', CaseReportedV1>> = {},
): EventEnvelope<'CaseReported', CaseReportedV1> {
  const caseId = overrides.caseId ?? randomUUID();
  return {
    eventId: randomUUID(),
    type: 'CaseReported',
    schemaVersion: 1,
    caseId,
    streamId: `case-${caseId}`,
    streamVersion: 1,
    occurredAt: '2026-03-02T01:30:00.000Z',
    recordedAt: '2026-03-02T01:30:00.010Z',
    correlationId: randomUUID(),
    causationId: null,
    actor: { role: 'system', id: 'test' },
    source: 'intake',
    payload: {
      reportId: randomUUID(),
      source: 'hotline',
      categoryCode: '0201',
      location: { lat: 31.23, lng: 121.47 },
      description: '暴露垃圾',
      urgency: 'normal',
      reportedAt: '2026-03-02T01:30:00.000Z',
      gridCellCode: '310101001001001',
      communityId: '310101001001',
      streetId: '310101001',
    },
    ...overrides,
  };
}
