import type { CaseEnvelope } from '@cityloop/contracts';
import { payloadBody, WEBHOOK_EVENT_TYPES, WEBHOOK_TRANSLATIONS } from './webhook-events';

const caseId = '11111111-1111-4111-8111-111111111111';
const orderId = '22222222-2222-4222-8222-222222222222';

const envelope = (type: string, source: 'dispatch' | 'disposal', payload: object): CaseEnvelope => ({
  eventId: '33333333-3333-4333-8333-333333333333',
  type,
  schemaVersion: 1,
  caseId,
  streamId: `case-${caseId}`,
  streamVersion: 3,
  occurredAt: '2026-03-02T04:48:00.000Z',
  recordedAt: '2026-03-02T04:48:00.020Z',
  correlationId: 'c',
  causationId: null,
  actor: { role: 'system', id: 'cityloop' },
  source,
  payload,
});

describe('webhook payloads', () => {
  it('tell each order event of the catalogue in the stable envelope, with the order facts only', () => {
    const dispatched = WEBHOOK_TRANSLATIONS.CaseDispatched(
      envelope('CaseDispatched', 'dispatch', {
        orderId,
        departmentId: 'water',
        gridCellCode: '310199001001001',
        streetId: '310199001',
        categoryCode: '0101',
        dispatchedAt: '2026-03-02T00:00:00.000Z',
        deadlineAt: '2026-03-02T06:00:00.000Z',
        timeLimitAmount: 6,
        timeLimitUnit: 'calendarHours',
        automatic: true,
      }),
    );
    expect(JSON.parse(payloadBody('44444444-4444-4444-8444-444444444444', dispatched))).toEqual({
      id: '44444444-4444-4444-8444-444444444444',
      type: 'order.dispatched',
      occurredAt: '2026-03-02T04:48:00.000Z',
      caseId,
      orderId,
      departmentId: 'water',
      eventId: '33333333-3333-4333-8333-333333333333',
      data: {
        dispatchedAt: '2026-03-02T00:00:00.000Z',
        deadlineAt: '2026-03-02T06:00:00.000Z',
        timeLimit: { amount: 6, unit: 'calendarHours' },
        categoryCode: '0101',
        gridCellCode: '310199001001001',
        streetId: '310199001',
        automatic: true,
      },
    });

    const others = [
      WEBHOOK_TRANSLATIONS.DeadlineReminderRaised(
        envelope('DeadlineReminderRaised', 'dispatch', {
          orderId,
          departmentId: 'water',
          thresholdAt: '2026-03-02T04:48:00.000Z',
          deadlineAt: '2026-03-02T06:00:00.000Z',
        }),
      ),
      WEBHOOK_TRANSLATIONS.OrderEscalated(
        envelope('OrderEscalated', 'dispatch', {
          orderId,
          departmentId: 'water',
          deadlineAt: '2026-03-02T06:00:00.000Z',
        }),
      ),
      WEBHOOK_TRANSLATIONS.OrderSentBackForRework(
        envelope('OrderSentBackForRework', 'disposal', {
          orderId,
          departmentId: 'water',
          verificationId: '55555555-5555-4555-8555-555555555555',
          sentBackAt: '2026-03-02T05:00:00.000Z',
        }),
      ),
    ];
    expect(others.map((n) => [n.type, n.orderId, n.departmentId, n.data])).toEqual([
      [
        'order.reminder',
        orderId,
        'water',
        { thresholdAt: '2026-03-02T04:48:00.000Z', deadlineAt: '2026-03-02T06:00:00.000Z' },
      ],
      ['order.escalated', orderId, 'water', { deadlineAt: '2026-03-02T06:00:00.000Z' }],
      [
        'order.rework',
        orderId,
        'water',
        { verificationId: '55555555-5555-4555-8555-555555555555', sentBackAt: '2026-03-02T05:00:00.000Z' },
      ],
    ]);
  });

  it('cover exactly the published catalogue of types', () => {
    const types = Object.values(WEBHOOK_TRANSLATIONS).map((translate) => {
      const payload = { orderId, departmentId: 'water' };
      return translate(envelope('X', 'dispatch', payload)).type;
    });
    expect(types.sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
  });
});
