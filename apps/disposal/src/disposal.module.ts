import { CaseBriefs, ServiceKitModule, type ServiceConfig } from '@cityloop/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { EvidenceController } from './evidence/evidence.controller';
import { EvidenceStore } from './evidence/evidence-store';
import { disposalMigrations } from './migrations';
import { Inbox } from './orders/inbox';
import { OrderReactor } from './orders/order-reactor';
import { OrderStream } from './orders/order-stream';
import { OrdersController } from './orders/orders.controller';
import { TakeOrderStepHandler } from './orders/take-order-step.handler';
import { loadWebhookSettings } from './webhooks/webhook-settings';
import { WebhooksModule } from './webhooks/webhooks.module';

/**
 * Disposal (任务处理, 处理反馈): each department's inbox of orders; sign, return, ask for an
 * extension, report the disposal with evidence photos; and tell departments' own systems of their
 * orders by webhook (webhooks/).
 */
@Module({})
export class DisposalModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: DisposalModule,
      imports: [
        ServiceKitModule.register({ config, migrations: disposalMigrations(config.schema) }),
        WebhooksModule.register(loadWebhookSettings(process.env, config.production)),
      ],
      controllers: [OrdersController, EvidenceController],
      providers: [OrderStream, Inbox, OrderReactor, TakeOrderStepHandler, EvidenceStore, CaseBriefs],
    };
  }
}
