import type { EventHandler } from '@cityloop/messaging';
import { metricRulesOf } from '@cityloop/domain';
import { CaseProjection } from '@cityloop/read-models';
import { DistrictReference, EventConsumers } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';

/**
 * Feeds every service's case events (and intake's patrol passes) to the case projection
 * (libs/read-models), in the consumer's transaction with their consumed-event records: what Kafka
 * delivers together in one transaction (CaseProjection.applyAll), so a backlog drains fast.
 * `npm run projections:rebuild` applies the same projection to the event stores.
 */
@Injectable()
export class CaseTimelineProjector {
  constructor(consumers: EventConsumers, district: DistrictReference) {
    const projection = new CaseProjection({
      calendar: district.pack.calendar,
      rules: metricRulesOf(district.pack),
      announce: true,
    });
    const apply: EventHandler = (event, manager) => projection.apply(event, manager);
    consumers.register({
      group: 'cityloop-projections.case-timeline',
      from: ['intake', 'dispatch', 'disposal', 'verification'],
      handlers: Object.fromEntries(CaseProjection.TYPES.map((type) => [type, apply])),
      batchHandler: (events, manager) => projection.applyAll(events, manager),
    });
  }
}
