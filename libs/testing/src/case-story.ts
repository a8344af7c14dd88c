import type { EventEnvelope, PublishingService } from '@cityloop/contracts';
import { deterministicUuid } from '@cityloop/event-store';

export interface StoryPlace {
  categoryCode: string;
  gridCellCode: string;
  lng: number;
  lat: number;
}

/**
 * Hand-made events of one case, as the four services would publish them (each service's stream
 * numbered on its own), for tests of the read models. Ids derive from the case id and a counter,
 * so the same story gives the same events.
 */
export class CaseStory {
  readonly events: EventEnvelope[] = [];
  private readonly versions: Record<PublishingService, number> = {
    intake: 0,
    dispatch: 0,
    disposal: 0,
    verification: 0,
  };
  private order: { orderId: string; departmentId: string } | null = null;

  constructor(
    readonly caseId: string,
    readonly place: StoryPlace,
    readonly source = 'hotline',
  ) {}

  get streetId(): string {
    return this.place.gridCellCode.slice(0, 9);
  }

  /** The story's events as a fold reads them from a table of case events (libs/read-models' TimelineEntry). */
  timeline(): {
    eventId: string;
    type: string;
    occurredAt: Date;
    source: string;
    streamVersion: number;
    payload: Record<string, unknown>;
  }[] {
    return this.events.map((e) => ({
      eventId: e.eventId,
      type: e.type,
      occurredAt: new Date(e.occurredAt),
      source: e.source,
      streamVersion: e.streamVersion,
      payload: e.payload as Record<string, unknown>,
    }));
  }

  reported(at: string, extra: { onsetAt?: string; urgency?: string } = {}): this {
    const { categoryCode, gridCellCode, lng, lat } = this.place;
    return this.add('intake', 'CaseReported', at, {
      reportId: this.id('report'),
      source: this.source,
      categoryCode,
      location: { lat, lng },
      description: 'test',
      urgency: extra.urgency ?? 'normal',
      reportedAt: at,
      gridCellCode,
      communityId: gridCellCode.slice(0, 12),
      streetId: this.streetId,
      ...(extra.onsetAt && { onsetAt: extra.onsetAt }),
    });
  }

  attached(at: string, source: string, onsetAt?: string): this {
    return this.add('intake', 'ReportAttached', at, {
      reportId: this.id('attached'),
      source,
      location: { lat: this.place.lat, lng: this.place.lng },
      gridCellCode: this.place.gridCellCode,
      description: 'again',
      reportedAt: at,
      distanceMetres: 0,
      ...(onsetAt && { onsetAt }),
    });
  }

  filed(at: string): this {
    return this.add('intake', 'CaseFiled', at, { filedAt: at, automatic: false, ...this.where() });
  }

  rejected(at: string): this {
    return this.add('intake', 'CaseRejected', at, { rejectedAt: at, reason: 'invalid' });
  }

  dispatched(at: string, departmentId: string, deadlineAt: string): this {
    this.order = { orderId: this.id('order'), departmentId };
    return this.add('dispatch', 'CaseDispatched', at, {
      ...this.order,
      ...this.where(),
      dispatchedAt: at,
      deadlineAt,
      timeLimitAmount: 4,
      timeLimitUnit: 'workingHours',
      automatic: true,
    });
  }

  signed(at: string): this {
    return this.add('disposal', 'OrderSigned', at, { ...this.current(), signedAt: at });
  }

  returnApproved(at: string): this {
    this.add('disposal', 'OrderReturned', at, { ...this.current(), returnedAt: at, reason: 'wrong-area' });
    return this.add('dispatch', 'ReturnApproved', at, { ...this.current(), decidedAt: at });
  }

  extended(at: string, deadlineAt: string): this {
    return this.add('dispatch', 'ExtensionApproved', at, {
      ...this.current(),
      requestId: this.id('extension'),
      decidedAt: at,
      deadlineAt,
    });
  }

  postponed(at: string): this {
    return this.add('dispatch', 'CasePostponed', at, {
      ...this.current(),
      postponedAt: at,
      reason: 'winter',
    });
  }

  resumed(at: string, deadlineAt: string): this {
    return this.add('dispatch', 'CaseResumed', at, { ...this.current(), resumedAt: at, deadlineAt });
  }

  disposed(at: string): this {
    return this.add('disposal', 'DisposalReported', at, {
      ...this.current(),
      reportedAt: at,
      notes: 'done',
      evidenceIds: [],
      gridCellCode: this.place.gridCellCode,
    });
  }

  failed(at: string): this {
    const verificationId = this.id('check');
    this.add('verification', 'VerificationFailed', at, {
      verificationId,
      orderId: this.current().orderId,
      departmentId: this.current().departmentId,
      checkedAt: at,
      evidenceIds: [],
    });
    return this.add('disposal', 'OrderSentBackForRework', at, {
      ...this.current(),
      verificationId,
      sentBackAt: at,
    });
  }

  closed(at: string): this {
    const verificationId = this.id('check');
    this.add('verification', 'VerificationPassed', at, {
      verificationId,
      orderId: this.current().orderId,
      checkedAt: at,
      evidenceIds: [],
    });
    return this.add('verification', 'CaseClosed', at, {
      verificationId,
      orderId: this.current().orderId,
      closedAt: at,
    });
  }

  followedUp(at: string, satisfaction: 'satisfied' | 'basically' | 'unsatisfied'): this {
    return this.add('intake', 'FollowUpRecorded', at, { satisfaction, recordedAt: at });
  }

  reopened(at: string): this {
    return this.add('intake', 'CaseReopened', at, {
      reopenedAt: at,
      reason: 'unsatisfied-follow-up',
      urgency: 'normal',
      ...this.where(),
    });
  }

  private where() {
    return {
      categoryCode: this.place.categoryCode,
      streetId: this.streetId,
      gridCellCode: this.place.gridCellCode,
    };
  }

  private current(): { orderId: string; departmentId: string } {
    if (!this.order) throw new Error('no order yet: dispatch first');
    return this.order;
  }

  private id(name: string): string {
    return deterministicUuid(`story:${this.caseId}:${name}:${this.events.length}`);
  }

  private add(source: PublishingService, type: string, at: string, payload: Record<string, unknown>): this {
    const occurredAt = new Date(at).toISOString();
    this.events.push({
      eventId: this.id(`event:${type}`),
      type,
      schemaVersion: 1,
      caseId: this.caseId,
      streamId: `${source}-${this.caseId}`,
      streamVersion: ++this.versions[source],
      occurredAt,
      recordedAt: occurredAt,
      correlationId: this.id('correlation'),
      causationId: null,
      actor: { role: 'importer', id: 'test' },
      source,
      payload,
    });
    return this;
  }
}

/** A patrol pass over cells (about no case). */
export function patrolPass(patrolId: string, cellCodes: string[], passedAt: string): EventEnvelope {
  const at = new Date(passedAt).toISOString();
  return {
    eventId: deterministicUuid(`story:patrol:${patrolId}`),
    type: 'PatrolPassLogged',
    schemaVersion: 1,
    caseId: null,
    streamId: `patrol-${patrolId}`,
    streamVersion: 1,
    occurredAt: at,
    recordedAt: at,
    correlationId: deterministicUuid(`story:patrol:${patrolId}:correlation`),
    causationId: null,
    actor: { role: 'importer', id: 'test' },
    source: 'intake',
    payload: {
      patrolId: deterministicUuid(`story:patrol-id:${patrolId}`),
      patrollerId: 'p1',
      cellCodes,
      passedAt: at,
    },
  };
}
