import { ServiceKitModule, type ServiceConfig } from '@cityloop/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { CaseEventsConsumer } from './cases/case-events.consumer';
import { CaseReadModel } from './cases/case-read-model';
import { CaseTimelineProjector } from './cases/case-timeline.projector';
import { CasesController } from './cases/cases.controller';
import { GetCaseHandler } from './cases/get-case.handler';
import { ListCasesHandler } from './cases/list-cases.handler';
import { projectionsMigrations } from './migrations';

/** Projections: read models fed by every service's events, and the command centre's API. */
@Module({})
export class ProjectionsModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: ProjectionsModule,
      imports: [ServiceKitModule.register({ config, migrations: projectionsMigrations(config.schema) })],
      controllers: [CasesController],
      providers: [CaseTimelineProjector, CaseEventsConsumer, CaseReadModel, GetCaseHandler, ListCasesHandler],
    };
  }
}
