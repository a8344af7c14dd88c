import { Module, type DynamicModule } from '@nestjs/common';
import { DeliveryEnqueuer } from './delivery-enqueuer';
import { DeliveryLog } from './delivery-log';
import { DeliveryQueue } from './delivery-queue';
import { DeliveryWorker } from './delivery-worker';
import { WebhookRegistry } from './webhook-registry';
import { WebhookSecretBox } from './webhook-secret-box';
import { WEBHOOK_SETTINGS, type WebhookSettings } from './webhook-settings';
import { WebhooksController } from './webhooks.controller';

/**
 * Outbound webhooks (docs/WEBHOOKS.md): departments register endpoints (WebhooksController,
 * WebhookRegistry); order events become deliveries (DeliveryEnqueuer into DeliveryQueue); a
 * worker POSTs them signed, retrying with backoff (DeliveryWorker, webhook-poster.ts); each
 * department reads its delivery log (DeliveryLog).
 */
@Module({})
export class WebhooksModule {
  static register(settings: WebhookSettings): DynamicModule {
    return {
      module: WebhooksModule,
      controllers: [WebhooksController],
      providers: [
        { provide: WEBHOOK_SETTINGS, useValue: settings },
        { provide: WebhookSecretBox, useFactory: () => new WebhookSecretBox(settings.secretsKey) },
        WebhookRegistry,
        DeliveryQueue,
        DeliveryLog,
        DeliveryEnqueuer,
        DeliveryWorker,
      ],
    };
  }
}
