import { rows, runnerOf } from '@cityloop/event-store';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DeliveryQueue } from './delivery-queue';
import type { WebhookEventType } from './webhook-events';
import { newSigningSecret, WebhookSecretBox } from './webhook-secret-box';
import { WebhookAlreadyRegisteredError, WebhookLimitError, WebhookNotFoundError } from './webhook.errors';

/** Live endpoints a department may have at once. */
export const MAX_WEBHOOKS_PER_DEPARTMENT = 10;

/** A webhook as its department sees it: never its secret. */
export interface WebhookView {
  webhookId: string;
  departmentId: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  createdAt: string;
}

interface WebhookRow {
  webhook_id: string;
  department_id: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  created_at: Date;
}

/** Departments' webhook endpoints: registered, listed, deleted; each department sees its own only. */
@Injectable()
export class WebhookRegistry {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secrets: WebhookSecretBox,
    private readonly queue: DeliveryQueue,
  ) {}

  /** Registers an endpoint; the answer carries its signing secret, the only time it is shown. */
  async register(
    departmentId: string,
    registration: { url: string; events: WebhookEventType[]; description: string | null },
    createdBy: string,
  ): Promise<WebhookView & { secret: string }> {
    const webhookId = randomUUID();
    const secret = newSigningSecret();
    const row = await this.dataSource.transaction(async (manager) => {
      // One registration of a department at a time: the limit and the duplicate check hold.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `cityloop.webhooks.${departmentId}`,
      ]);
      const live = await manager.query<{ webhook_id: string; url: string }[]>(
        'SELECT webhook_id, url FROM webhooks WHERE department_id = $1 AND deleted_at IS NULL',
        [departmentId],
      );
      const same = live.find((w) => w.url === registration.url);
      if (same) throw new WebhookAlreadyRegisteredError(same.webhook_id);
      if (live.length >= MAX_WEBHOOKS_PER_DEPARTMENT)
        throw new WebhookLimitError(MAX_WEBHOOKS_PER_DEPARTMENT);
      const [inserted] = await manager.query<WebhookRow[]>(
        `INSERT INTO webhooks (webhook_id, department_id, url, events, description, secret_sealed, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING webhook_id, department_id, url, events, description, created_at`,
        [
          webhookId,
          departmentId,
          registration.url,
          registration.events,
          registration.description,
          this.secrets.seal(secret, webhookId),
          createdBy,
        ],
      );
      return inserted;
    });
    return { ...viewOf(row), secret };
  }

  async list(departmentId: string): Promise<WebhookView[]> {
    const rows = await this.dataSource.query<WebhookRow[]>(
      `SELECT webhook_id, department_id, url, events, description, created_at FROM webhooks
        WHERE department_id = $1 AND deleted_at IS NULL ORDER BY created_at, webhook_id`,
      [departmentId],
    );
    return rows.map(viewOf);
  }

  /** The department's live webhook, or 404 (also for another department's). */
  async require(departmentId: string, webhookId: string): Promise<WebhookView> {
    const [row] = await this.dataSource.query<WebhookRow[]>(
      `SELECT webhook_id, department_id, url, events, description, created_at FROM webhooks
        WHERE webhook_id = $1 AND department_id = $2 AND deleted_at IS NULL`,
      [webhookId, departmentId],
    );
    if (!row) throw new WebhookNotFoundError(webhookId);
    return viewOf(row);
  }

  /** Stops the endpoint: nothing more is enqueued for it, and what waits is cancelled. */
  async remove(departmentId: string, webhookId: string, deletedBy: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const deleted = await rows(
        runnerOf(manager),
        `UPDATE webhooks SET deleted_at = now(), deleted_by = $3
          WHERE webhook_id = $1 AND department_id = $2 AND deleted_at IS NULL RETURNING 1`,
        [webhookId, departmentId, deletedBy],
      );
      if (deleted.length === 0) throw new WebhookNotFoundError(webhookId);
      await this.queue.cancelPending(manager, webhookId);
    });
  }
}

const viewOf = (row: WebhookRow): WebhookView => ({
  webhookId: row.webhook_id,
  departmentId: row.department_id,
  url: row.url,
  events: row.events,
  description: row.description,
  createdAt: row.created_at.toISOString(),
});
