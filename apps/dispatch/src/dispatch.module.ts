import { ServiceKitModule, type ServiceConfig } from '@cityloop/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { DispatchStream } from './cases/dispatch-stream';
import { FiledCases } from './cases/filed-cases';
import { DispatchCaseHandler } from './dispatching/dispatch-case.handler';
import { DispatchPlanner } from './dispatching/dispatch-plan';
import { DispatchingController } from './dispatching/dispatching.controller';
import { FiledCasesReactor } from './dispatching/filed-cases.reactor';
import { dispatchMigrations } from './migrations';
import { PostponementController } from './postponement/postponement.controller';
import { ChangePostponementHandler } from './postponement/postponement.handler';
import { DecideRequestHandler } from './requests/decide-request.handler';
import { DepartmentRequestsReactor } from './requests/department-requests.reactor';
import { PendingRequests } from './requests/pending-requests';
import { RequestsController } from './requests/requests.controller';
import { OrderTimers } from './timers/order-timers';
import { TimerWatcher } from './timers/timer-watcher';

/**
 * Dispatch (任务派遣): filed cases go to the responsible department with a deadline on the
 * district calendar, automatically or by a dispatcher; the dispatcher decides returns (退单) and
 * extensions (延期); durable timers raise the 80 % reminder and the escalation (督办).
 */
@Module({})
export class DispatchModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: DispatchModule,
      imports: [ServiceKitModule.register({ config, migrations: dispatchMigrations(config.schema) })],
      controllers: [DispatchingController, RequestsController, PostponementController],
      providers: [
        DispatchStream,
        FiledCases,
        DispatchPlanner,
        FiledCasesReactor,
        DispatchCaseHandler,
        PendingRequests,
        DepartmentRequestsReactor,
        DecideRequestHandler,
        OrderTimers,
        ChangePostponementHandler,
        TimerWatcher,
      ],
    };
  }
}
