import type { AppendResult, EventStore } from '@cityloop/event-store';
import { AggregateStream, EVENT_STORE, type EventContext } from '@cityloop/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseEvent } from '../domain/case.events';
import { evolve, initialCaseState, type CaseState } from '../domain/case.state';

/** Intake's case streams (`case-<caseId>`) in its event store. */
@Injectable()
export class CaseStream {
  private readonly stream: AggregateStream<CaseEvent, CaseState>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.stream = new AggregateStream(store, evolve, initialCaseState);
  }

  load(caseId: string): Promise<{ state: CaseState; version: number }> {
    return this.stream.load(`case-${caseId}`);
  }

  append(
    caseId: string,
    events: CaseEvent[],
    expectedVersion: number,
    context: EventContext,
    manager: EntityManager,
  ): Promise<AppendResult> {
    return this.stream.append(`case-${caseId}`, caseId, events, expectedVersion, context, manager);
  }

  /** Opens several new cases' streams in one statement (a group commit of reports). */
  appendNew(
    cases: readonly { caseId: string; events: CaseEvent[]; context: EventContext }[],
    manager: EntityManager,
  ): Promise<AppendResult[]> {
    return this.stream.appendNew(
      cases.map((c) => ({ ...c, streamId: `case-${c.caseId}` })),
      manager,
    );
  }
}
