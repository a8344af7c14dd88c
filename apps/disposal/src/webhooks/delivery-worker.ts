import { ServiceMetrics } from '@cityloop/service-kit';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Counter } from 'prom-client';
import { DeliveryQueue, type ClaimedDelivery } from './delivery-queue';
import { afterAttempt } from './retry-schedule';
import { postDelivery } from './webhook-poster';
import { WebhookSecretBox } from './webhook-secret-box';
import { WEBHOOK_SETTINGS, type WebhookSettings } from './webhook-settings';

/** How often finished deliveries past their retention are pruned. */
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Delivers due webhook deliveries: claims a batch (SKIP LOCKED, so replicas share the work),
 * attempts them at once, records each outcome and the next attempt's time, and looks again at
 * once while batches come full, else after WEBHOOK_POLL_MS. A claim's lease is twice an attempt's
 * timeout and a second (time to record the outcome); a claim whose process died is taken again
 * after it.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly attempts: Counter<'outcome'>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private lastPrune = 0;

  constructor(
    private readonly queue: DeliveryQueue,
    private readonly secrets: WebhookSecretBox,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
    metrics: ServiceMetrics,
  ) {
    this.attempts = new Counter({
      name: 'cityloop_webhook_attempts_total',
      help: 'Webhook delivery attempts by outcome: delivered, retry (failed, another attempt due), failed (given up)',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    if (this.settings.secretsKeyIsDevelopmentDefault)
      this.logger.warn('WEBHOOK_SECRETS_KEY is not set: webhook secrets are sealed with the development key');
    this.schedule(0);
  }

  /** Stops looking; the attempts in flight finish (each within its timeout) and are recorded. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then((full) => this.schedule(full ? 0 : this.settings.pollMs))
        .catch((error: unknown) => {
          this.logger.error(`webhook deliveries: ${(error as Error).message}`);
          this.schedule(this.settings.pollMs);
        });
    }, delayMs);
  }

  /** Attempts what is due now; answers whether the batch came full (more may be waiting). */
  async tick(): Promise<boolean> {
    await this.pruneNowAndThen();
    const batch = this.settings.concurrency;
    const claimed = await this.queue.claimDue(batch, 2 * this.settings.timeoutMs + 1_000);
    const settled = await Promise.allSettled(claimed.map((delivery) => this.attempt(delivery)));
    for (const result of settled) {
      // The attempt's outcome could not be recorded: its claim runs out and it is attempted again.
      if (result.status === 'rejected')
        this.logger.error(`webhook delivery not recorded: ${(result.reason as Error).message}`);
    }
    return claimed.length === batch;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const outcome = await this.post(delivery);
    const next = afterAttempt(delivery.attempt, outcome.succeeded, this.settings.retry);
    await this.queue.complete(delivery, outcome, next);
    this.attempts.inc({ outcome: next.state === 'pending' ? 'retry' : next.state });
    if (next.state === 'failed') {
      this.logger.warn(
        `webhook ${delivery.webhookId}: gave up delivery ${delivery.deliveryId} after ${delivery.attempt} attempts (${outcome.error})`,
      );
    }
  }

  private async post(delivery: ClaimedDelivery): ReturnType<typeof postDelivery> {
    let secret: string;
    try {
      secret = this.secrets.open(delivery.secretSealed, delivery.webhookId);
    } catch {
      const error = 'the signing secret cannot be opened: was WEBHOOK_SECRETS_KEY changed?';
      return { succeeded: false, statusCode: null, durationMs: 0, error };
    }
    return postDelivery(delivery, secret, this.settings.timeoutMs);
  }

  private async pruneNowAndThen(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    const pruned = await this.queue.prune(this.settings.logRetentionDays);
    if (pruned > 0) this.logger.log(`pruned ${pruned} finished webhook deliveries from the log`);
  }
}
