import type {
  CaseDispatchedV1,
  CaseEnvelope,
  DeadlineReminderRaisedV1,
  OrderEscalatedV1,
  OrderSentBackForReworkV1,
} from '@cityloop/contracts';

/** What a department's system is told about, in the names it subscribes to (stable, public). */
export const WEBHOOK_EVENT_TYPES = [
  'order.dispatched',
  'order.reminder',
  'order.escalated',
  'order.rework',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** One order event as the department's endpoint receives it (the POST body). */
export interface WebhookPayload {
  /** The delivery id: the same in every attempt of this delivery; receivers dedupe by it. */
  id: string;
  type: WebhookEventType;
  /** Business time: when it happened in the city. */
  occurredAt: string;
  caseId: string;
  orderId: string;
  departmentId: string;
  /** The Cityloop event behind it: the same for every endpoint told of it. */
  eventId: string;
  data: Record<string, unknown>;
}

/** What an internal event says to a department, before it is addressed to one endpoint. */
export type OrderNotice = Omit<WebhookPayload, 'id'>;

type Translation = (event: CaseEnvelope) => OrderNotice;

const notice = (
  event: CaseEnvelope,
  type: WebhookEventType,
  order: { orderId: string; departmentId: string },
  data: Record<string, unknown>,
): OrderNotice => ({
  type,
  occurredAt: event.occurredAt,
  caseId: event.caseId,
  orderId: order.orderId,
  departmentId: order.departmentId,
  eventId: event.eventId,
  data,
});

/**
 * The Cityloop events that become webhook notices, by their type, and what each tells. Only
 * order facts: never a caller's name or phone (events carry none), never the description (free
 * text): the department's system reads the order through the API (GET /orders?caseId=).
 */
export const WEBHOOK_TRANSLATIONS: Record<string, Translation> = {
  // 派遣: a new order in the department's inbox.
  CaseDispatched: (event) => {
    const p = event.payload as CaseDispatchedV1;
    return notice(event, 'order.dispatched', p, {
      dispatchedAt: p.dispatchedAt,
      deadlineAt: p.deadlineAt,
      timeLimit: { amount: p.timeLimitAmount, unit: p.timeLimitUnit },
      categoryCode: p.categoryCode,
      gridCellCode: p.gridCellCode,
      streetId: p.streetId,
      automatic: p.automatic,
    });
  },
  // 预警: 80 % of the time limit used.
  DeadlineReminderRaised: (event) => {
    const p = event.payload as DeadlineReminderRaisedV1;
    return notice(event, 'order.reminder', p, { thresholdAt: p.thresholdAt, deadlineAt: p.deadlineAt });
  },
  // 督办: the deadline passed with the department's part undone.
  OrderEscalated: (event) => {
    const p = event.payload as OrderEscalatedV1;
    return notice(event, 'order.escalated', p, { deadlineAt: p.deadlineAt });
  },
  // 返工: the on-site check failed; the same order is the department's again.
  OrderSentBackForRework: (event) => {
    const p = event.payload as OrderSentBackForReworkV1;
    return notice(event, 'order.rework', p, { verificationId: p.verificationId, sentBackAt: p.sentBackAt });
  },
};

/**
 * The exact bytes POSTed (kept with the delivery, so every attempt sends the same body): the
 * envelope's keys in a fixed order.
 */
export const payloadBody = (deliveryId: string, n: OrderNotice): string =>
  JSON.stringify({
    id: deliveryId,
    type: n.type,
    occurredAt: n.occurredAt,
    caseId: n.caseId,
    orderId: n.orderId,
    departmentId: n.departmentId,
    eventId: n.eventId,
    data: n.data,
  } satisfies WebhookPayload);
