import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DeliveryState } from './delivery-queue';
import type { WebhookPayload } from './webhook-events';

export interface AttemptView {
  attempt: number;
  startedAt: string;
  finishedAt: string | null;
  statusCode: number | null;
  durationMs: number | null;
  error: string | null;
}

/** One delivery as the department's log shows it. */
export interface DeliveryView {
  deliveryId: string;
  type: string;
  eventId: string;
  caseId: string;
  orderId: string;
  occurredAt: string;
  enqueuedAt: string;
  state: DeliveryState;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: string | null;
  /** When it was delivered, given up or cancelled. */
  finishedAt: string | null;
  attempts: AttemptView[];
  /** The body POSTed, as sent. */
  payload: WebhookPayload;
}

interface DeliveryRow {
  seq: string;
  delivery_id: string;
  event_type: string;
  event_id: string;
  case_id: string;
  order_id: string;
  occurred_at: Date;
  created_at: Date;
  state: DeliveryState;
  next_attempt_at: Date | null;
  finished_at: Date | null;
  body: string;
}

interface AttemptRow {
  delivery_id: string;
  attempt: number;
  started_at: Date;
  finished_at: Date | null;
  status_code: number | null;
  duration_ms: number | null;
  error: string | null;
}

/** The delivery log a department reads of its endpoint: deliveries, their attempts, what was sent. */
@Injectable()
export class DeliveryLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The endpoint's deliveries, newest first, each with its attempts; `before` pages on. */
  async page(
    webhookId: string,
    { limit, before, state }: { limit: number; before?: string; state?: DeliveryState },
  ): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    const deliveries = await this.dataSource.query<DeliveryRow[]>(
      `SELECT seq::text, delivery_id, event_type, event_id, case_id, order_id, occurred_at, created_at, state,
              next_attempt_at, finished_at, body
         FROM webhook_deliveries
        WHERE webhook_id = $1 AND ($2::text IS NULL OR state = $2) AND ($3::bigint IS NULL OR seq < $3)
        ORDER BY seq DESC LIMIT $4`,
      [webhookId, state ?? null, before ?? null, limit + 1],
    );
    const page = deliveries.slice(0, limit);
    const attempts = await this.dataSource.query<AttemptRow[]>(
      `SELECT * FROM webhook_attempts WHERE delivery_id = ANY($1::uuid[]) ORDER BY delivery_id, attempt`,
      [page.map((d) => d.delivery_id)],
    );
    return {
      items: page.map((d) => viewOf(d, attempts)),
      nextCursor: deliveries.length > limit ? page[page.length - 1].seq : null,
    };
  }
}

const iso = (at: Date | null): string | null => at?.toISOString() ?? null;

const viewOf = (d: DeliveryRow, attempts: AttemptRow[]): DeliveryView => ({
  deliveryId: d.delivery_id,
  type: d.event_type,
  eventId: d.event_id,
  caseId: d.case_id,
  orderId: d.order_id,
  occurredAt: d.occurred_at.toISOString(),
  enqueuedAt: d.created_at.toISOString(),
  state: d.state,
  nextAttemptAt: d.state === 'pending' ? iso(d.next_attempt_at) : null,
  finishedAt: iso(d.finished_at),
  attempts: attempts
    .filter((a) => a.delivery_id === d.delivery_id)
    .map((a) => ({
      attempt: a.attempt,
      startedAt: a.started_at.toISOString(),
      finishedAt: iso(a.finished_at),
      statusCode: a.status_code,
      durationMs: a.duration_ms,
      error: a.error,
    })),
  payload: JSON.parse(d.body) as WebhookPayload,
});
