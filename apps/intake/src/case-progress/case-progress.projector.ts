import type { EventHandler } from '@cityloop/messaging';
import { EventConsumers } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import { CaseProgress } from './case-progress';

/**
 * Feeds case_progress from every service's topic with a consumer group of intake's own, from the
 * topics' start (as case briefs are kept in disposal and verification): dispatch's orders and
 * deadlines (dispatch, re-dispatch, extensions, postponements), disposal's and verification's
 * steps, and intake's own filing, rejection and reopening.
 */
@Injectable()
export class CaseProgressProjector {
  constructor(consumers: EventConsumers, progress: CaseProgress) {
    const record: EventHandler = (event, manager) => progress.record(manager, [event]);
    consumers.register({
      group: 'cityloop-intake.case-progress',
      from: ['intake', 'dispatch', 'disposal', 'verification'],
      handlers: Object.fromEntries(CaseProgress.TYPES.map((type) => [type, record])),
      // A delivered batch in one transaction: most of intake's own events were kept as they
      // were appended, and the rest share the statements.
      batchHandler: (events, manager) => progress.record(manager, events),
      // Read by whoever asks a case's status, never by a next step.
      gathered: true,
    });
  }
}
