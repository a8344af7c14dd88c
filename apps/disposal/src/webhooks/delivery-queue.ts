import { deterministicUuid, rows, runnerOf } from '@cityloop/event-store';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AfterAttempt } from './retry-schedule';
import { payloadBody, type OrderNotice } from './webhook-events';

export const DELIVERY_STATES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** A delivery claimed for one attempt. */
export interface ClaimedDelivery {
  deliveryId: string;
  webhookId: string;
  url: string;
  secretSealed: string;
  eventType: string;
  body: string;
  /** This attempt's number (1 for the first), also the claim's fencing token. */
  attempt: number;
}

/** How one attempt went: an HTTP status, or an error before there was one (refused, timed out). */
export interface AttemptOutcome {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

const INTERRUPTED = 'no outcome recorded: the delivering process stopped, or its claim ran out';

/**
 * The deliveries of order notices to departments' endpoints, kept in Postgres so that a restart
 * loses none and repeats none that was delivered (see the webhooks migration). A claim taken by a
 * process that then died runs out and is taken again: at least once, and receivers dedupe by id.
 */
@Injectable()
export class DeliveryQueue {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One delivery per live endpoint of the department that subscribes to the notice and was
   * registered before the event was recorded, in the consumer's transaction. Ids derive from
   * (webhook, event): an event seen twice enqueues nothing twice. Answers how many were new.
   */
  async enqueue(manager: EntityManager, notice: OrderNotice, recordedAt: string): Promise<number> {
    const hooks = await manager.query<{ webhook_id: string }[]>(
      `SELECT webhook_id FROM webhooks
        WHERE department_id = $1 AND deleted_at IS NULL AND $2 = ANY(events) AND created_at <= $3`,
      [notice.departmentId, notice.type, recordedAt],
    );
    let added = 0;
    for (const { webhook_id: webhookId } of hooks) {
      const deliveryId = deterministicUuid(`webhook-delivery:${webhookId}:${notice.eventId}`);
      const inserted = await rows(
        runnerOf(manager),
        `INSERT INTO webhook_deliveries (delivery_id, webhook_id, event_id, event_type, case_id, order_id,
                                         occurred_at, body, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
         ON CONFLICT (webhook_id, event_id) DO NOTHING RETURNING 1`,
        [
          deliveryId,
          webhookId,
          notice.eventId,
          notice.type,
          notice.caseId,
          notice.orderId,
          notice.occurredAt,
          payloadBody(deliveryId, notice),
        ],
      );
      added += inserted.length;
    }
    return added;
  }

  /**
   * Claims up to `limit` due deliveries for `leaseMs` (SKIP LOCKED: two workers never take the
   * same one) and opens an attempt for each; an earlier attempt left open is closed as interrupted.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return this.dataSource.transaction(async (manager) => {
      const runner = runnerOf(manager);
      const claimed = await rows<{
        delivery_id: string;
        webhook_id: string;
        url: string;
        secret_sealed: string;
        event_type: string;
        body: string;
        attempts: number;
      }>(
        runner,
        `WITH due AS (
           SELECT delivery_id FROM webhook_deliveries
            WHERE state = 'pending' AND next_attempt_at <= now()
              AND (claimed_until IS NULL OR claimed_until < now())
            ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         UPDATE webhook_deliveries d
            SET attempts = d.attempts + 1, claimed_until = now() + make_interval(secs => $2)
           FROM due, webhooks w
          WHERE d.delivery_id = due.delivery_id AND w.webhook_id = d.webhook_id
         RETURNING d.delivery_id, d.webhook_id, w.url, w.secret_sealed, d.event_type, d.body, d.attempts`,
        [limit, leaseMs / 1000],
      );
      if (claimed.length === 0) return [];
      const ids = claimed.map((c) => c.delivery_id);
      await manager.query(
        `UPDATE webhook_attempts SET finished_at = now(), error = $2
          WHERE delivery_id = ANY($1::uuid[]) AND finished_at IS NULL`,
        [ids, INTERRUPTED],
      );
      await manager.query(
        `INSERT INTO webhook_attempts (delivery_id, attempt, started_at)
         SELECT delivery_id, attempt, now() FROM unnest($1::uuid[], $2::int[]) AS a(delivery_id, attempt)`,
        [ids, claimed.map((c) => c.attempts)],
      );
      return claimed.map((c) => ({
        deliveryId: c.delivery_id,
        webhookId: c.webhook_id,
        url: c.url,
        secretSealed: c.secret_sealed,
        eventType: c.event_type,
        body: c.body,
        attempt: c.attempts,
      }));
    });
  }

  /**
   * Records the attempt and what follows from it. The delivery moves on only while this claim is
   * still its latest (fenced by the attempt number): a worker whose claim ran out and was taken
   * over logs its attempt but decides nothing.
   */
  async complete(claimed: ClaimedDelivery, outcome: AttemptOutcome, next: AfterAttempt): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE webhook_attempts SET finished_at = now(), status_code = $3, duration_ms = $4, error = $5
          WHERE delivery_id = $1 AND attempt = $2`,
        [claimed.deliveryId, claimed.attempt, outcome.statusCode, outcome.durationMs, outcome.error],
      );
      const retryInSeconds = next.state === 'pending' ? next.retryInMs / 1000 : null;
      await manager.query(
        `UPDATE webhook_deliveries
            SET state = $3, claimed_until = NULL,
                next_attempt_at = CASE WHEN $3 = 'pending' THEN now() + make_interval(secs => $4) END,
                finished_at = CASE WHEN $3 = 'pending' THEN NULL ELSE now() END
          WHERE delivery_id = $1 AND attempts = $2 AND state = 'pending'`,
        [claimed.deliveryId, claimed.attempt, next.state, retryInSeconds],
      );
    });
  }

  /** A deleted endpoint's waiting deliveries are cancelled (in the deletion's transaction). */
  async cancelPending(manager: EntityManager, webhookId: string): Promise<void> {
    await manager.query(
      `UPDATE webhook_deliveries SET state = 'cancelled', next_attempt_at = NULL, finished_at = now()
        WHERE webhook_id = $1 AND state = 'pending'`,
      [webhookId],
    );
  }

  /** Forgets finished deliveries older than the retention, a thousand at a time; answers how many. */
  async prune(retentionDays: number): Promise<number> {
    const removed = await this.dataSource.transaction((manager) =>
      rows(
        runnerOf(manager),
        `DELETE FROM webhook_deliveries WHERE delivery_id IN (
           SELECT delivery_id FROM webhook_deliveries
            WHERE state <> 'pending' AND finished_at < now() - make_interval(days => $1) LIMIT 1000)
         RETURNING 1`,
        [retentionDays],
      ),
    );
    return removed.length;
  }
}
