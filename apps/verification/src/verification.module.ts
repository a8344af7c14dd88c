import { ServiceKitModule, type ServiceConfig } from '@cityloop/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { verificationMigrations } from './migrations';

/**
 * Verification (核查结案): on-site checks by grid patrollers, closure or rework.
 * Its event store, relay and topic are in place; its use cases arrive with the closed-loop issue.
 */
@Module({})
export class VerificationModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: VerificationModule,
      imports: [ServiceKitModule.register({ config, migrations: verificationMigrations(config.schema) })],
    };
  }
}
