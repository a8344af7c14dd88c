import { ServiceKitModule, type ServiceConfig } from '@cityloop/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { CaseReadModel } from './cases/case-read-model';
import { CaseTimelineProjector } from './cases/case-timeline.projector';
import { CasesController } from './cases/cases.controller';
import { GetCaseHandler } from './cases/get-case.handler';
import { ListCasesHandler } from './cases/list-cases.handler';
import { projectionsMigrations } from '@cityloop/read-models';
import { CommandCentreReadModel } from './command-centre/command-centre-read-model';
import { CommandCentreController } from './command-centre/command-centre.controller';
import { DevTokensController } from './command-centre/dev-tokens.controller';
import { EvaluationBuilder } from './evaluation/evaluation-builder';
import { EvaluationRecords } from './evaluation/evaluation-records';
import { EvaluationController } from './evaluation/evaluation.controller';
import { LiveFeed } from './live/live-feed';
import { LiveController } from './live/live.controller';
import { MetricSummaries } from './metrics/metric-summaries';
import { MetricsReadModel } from './metrics/metrics-read-model';
import { MetricsController } from './metrics/metrics.controller';
import { ReferenceController } from './reference/reference.controller';

/** Projections: read models fed by every service's events, and the command centre's API. */
@Module({})
export class ProjectionsModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: ProjectionsModule,
      imports: [ServiceKitModule.register({ config, migrations: projectionsMigrations(config.schema) })],
      controllers: [
        CasesController,
        CommandCentreController,
        DevTokensController,
        EvaluationController,
        LiveController,
        MetricsController,
        ReferenceController,
      ],
      providers: [
        CaseTimelineProjector,
        CaseReadModel,
        GetCaseHandler,
        ListCasesHandler,
        MetricSummaries,
        MetricsReadModel,
        EvaluationBuilder,
        EvaluationRecords,
        LiveFeed,
        CommandCentreReadModel,
      ],
    };
  }
}
