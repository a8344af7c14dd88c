import { ServiceKitModule, type ServiceConfig } from '@cityloop/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { dispatchMigrations } from './migrations';

/**
 * Dispatch (任务派遣): dispatch to departments with deadlines, returns, extensions, escalation, postponement.
 * Its event store, relay and topic are in place; its use cases arrive with the closed-loop issue.
 */
@Module({})
export class DispatchModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: DispatchModule,
      imports: [ServiceKitModule.register({ config, migrations: dispatchMigrations(config.schema) })],
    };
  }
}
