import { ServiceKitModule, type ServiceConfig } from '@cityloop/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { DispatchStream } from './cases/dispatch-stream';
import { FiledCases } from './cases/filed-cases';
import { DispatchCaseHandler } from './dispatching/dispatch-case.handler';
import { DispatchPlanner } from './dispatching/dispatch-plan';
import { DispatchingController } from './dispatching/dispatching.controller';
import { FiledCasesReactor } from './dispatching/filed-cases.reactor';
import { dispatchMigrations } from './migrations';
import { DecideRequestHandler } from './requests/decide-request.handler';
import { DepartmentRequestsReactor } from './requests/department-requests.reactor';
import { PendingRequests } from './requests/pending-requests';
import { RequestsController } from './requests/requests.controller';

/**
 * Dispatch (任务派遣): filed cases go to the responsible department with a deadline on the
 * district calendar, automatically or by a dispatcher. Returns, extensions, escalation and
 * postponement arrive with the rest of the closed loop.
 */
@Module({})
export class DispatchModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: DispatchModule,
      imports: [ServiceKitModule.register({ config, migrations: dispatchMigrations(config.schema) })],
      controllers: [DispatchingController, RequestsController],
      providers: [
        DispatchStream,
        FiledCases,
        DispatchPlanner,
        FiledCasesReactor,
        DispatchCaseHandler,
        PendingRequests,
        DepartmentRequestsReactor,
        DecideRequestHandler,
      ],
    };
  }
}
