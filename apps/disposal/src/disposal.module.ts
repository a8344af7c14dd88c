import { ServiceKitModule, type ServiceConfig } from '@cityloop/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { disposalMigrations } from './migrations';

/**
 * Disposal (任务处理, 处理反馈): the departments' inbox, sign, return, extension requests, report-back with evidence.
 * Its event store, relay and topic are in place; its use cases arrive with the closed-loop issue.
 */
@Module({})
export class DisposalModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: DisposalModule,
      imports: [ServiceKitModule.register({ config, migrations: disposalMigrations(config.schema) })],
    };
  }
}
