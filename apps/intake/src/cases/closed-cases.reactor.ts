import { EventConsumers } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import { OpenCases } from '../duplicates/open-cases';

/** A case closed by verification (结案) takes no more duplicate reports. */
@Injectable()
export class ClosedCasesReactor {
  constructor(consumers: EventConsumers, openCases: OpenCases) {
    consumers.register({
      group: 'cityloop-intake.closed-cases',
      from: ['verification'],
      handlers: { CaseClosed: (event, manager) => openCases.close(manager, event.caseId) },
    });
  }
}
