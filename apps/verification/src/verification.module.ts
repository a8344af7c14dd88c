import { CaseBriefs, ServiceKitModule, type ServiceConfig } from '@cityloop/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { DisposalReportsReactor } from './checks/disposal-reports.reactor';
import { OpenChecks } from './checks/open-checks';
import { RecordResultHandler } from './checks/record-result.handler';
import { SignOffHandler } from './checks/sign-off.handler';
import { VerificationStream } from './checks/verification-stream';
import { VerificationsController } from './checks/verifications.controller';
import { verificationMigrations } from './migrations';

/** Verification (核查结案): a disposal report opens an on-site check; pass closes the case, fail sends it back. */
@Module({})
export class VerificationModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: VerificationModule,
      imports: [ServiceKitModule.register({ config, migrations: verificationMigrations(config.schema) })],
      controllers: [VerificationsController],
      providers: [
        CaseBriefs,
        VerificationStream,
        OpenChecks,
        DisposalReportsReactor,
        RecordResultHandler,
        SignOffHandler,
      ],
    };
  }
}
