import { ServiceKitModule, type ServiceConfig } from '@cityloop/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { CaseProgressModule } from './case-progress/case-progress.module';
import { CaseStream } from './cases/case-stream';
import { ClosedCasesReactor } from './cases/closed-cases.reactor';
import { DuplicatesController } from './duplicates/duplicates.controller';
import { OpenCases } from './duplicates/open-cases';
import { FollowUpQueue } from './follow-ups/follow-up-queue';
import { FollowUpsController } from './follow-ups/follow-ups.controller';
import { RecordFollowUpHandler } from './follow-ups/record-follow-up.handler';
import { DecideFilingHandler } from './filing/decide-filing.handler';
import { FilingController } from './filing/filing.controller';
import { FilingQueue } from './filing/filing-queue';
import { IdempotencyKeys } from './idempotency/idempotency-keys';
import { LogPatrolHandler } from './patrols/log-patrol.handler';
import { PatrolsController } from './patrols/patrols.controller';
import { Open311Module } from './open311/open311.module';
import { ReferenceController } from './reference/reference.controller';
import { intakeMigrations } from './migrations';
import { ReporterContacts } from './reporters/reporter-contacts';
import { NewCaseWrites } from './reports/new-case-writes';
import { ReportCaseHandler } from './reports/report-case.handler';
import { ReportsController } from './reports/reports.controller';

/**
 * Intake (信息收集, 案卷建立): reports from the 12345 hotline and patrollers open cases; Open311
 * clients file and follow requests (Open311Module).
 */
@Module({})
export class IntakeModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: [
        ServiceKitModule.register({ config, migrations: intakeMigrations(config.schema) }),
        CaseProgressModule,
        Open311Module,
      ],
      controllers: [
        ReportsController,
        DuplicatesController,
        FilingController,
        FollowUpsController,
        PatrolsController,
        ReferenceController,
      ],
      providers: [
        CaseStream,
        OpenCases,
        FollowUpQueue,
        RecordFollowUpHandler,
        LogPatrolHandler,
        ClosedCasesReactor,
        ReportCaseHandler,
        NewCaseWrites,
        DecideFilingHandler,
        FilingQueue,
        IdempotencyKeys,
        ReporterContacts,
      ],
    };
  }
}
