import { SYSTEM_ACTOR, type Actor, type CaseEnvelope, type NewEvent } from '@cityloop/contracts';
import { deterministicUuid, type AppendResult, type EventStore } from '@cityloop/event-store';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** An event as a pure decider returns it: its type, schema version and payload. */
export interface DecidedEvent {
  type: string;
  schemaVersion: number;
  payload: object;
}

export interface EventContext {
  actor: Actor;
  correlationId: string;
  /** The event that caused these (a reactor's consumed event), if any. */
  causationId?: string;
  /** Business time of the events (the service clock, or the importer's time, or the cause's time). */
  occurredAt: Date;
  /** Deterministic event ids (from an Idempotency-Key or a consumed event); random otherwise. */
  idFor?: (index: number) => string;
}

/**
 * The context of events a service raises in reaction to another's event (a reactor): the system
 * as actor, the cause's correlation, and ids derived from the cause, so that a redelivered or
 * replayed cause appends nothing new.
 */
export function reactionTo(cause: CaseEnvelope, occurredAt: Date, scope: string): EventContext {
  return {
    actor: SYSTEM_ACTOR,
    correlationId: cause.correlationId,
    causationId: cause.eventId,
    occurredAt,
    idFor: (index) => deterministicUuid(`${scope}:${cause.eventId}:${index}`),
  };
}

/**
 * One kind of aggregate in a service's event store: load a stream's state by folding `evolve`
 * over its events, and append what the pure decider returned with the expected version.
 */
export class AggregateStream<E extends DecidedEvent, S> {
  constructor(
    private readonly store: EventStore,
    private readonly evolve: (state: S, event: E) => S,
    private readonly initial: S,
  ) {}

  /** Reads only: safe before the first write of a transaction (see EventStore.append). */
  async load(streamId: string, manager?: EntityManager): Promise<{ state: S; version: number }> {
    const history = await this.store.readStream(streamId, manager);
    return {
      state: history.reduce((state, event) => this.evolve(state, event as unknown as E), this.initial),
      version: history.length,
    };
  }

  async append(
    streamId: string,
    caseId: string,
    events: E[],
    expectedVersion: number,
    context: EventContext,
    manager: EntityManager,
  ): Promise<AppendResult> {
    return this.store.append(streamId, this.toNew(caseId, events, context), expectedVersion, manager);
  }

  /** Opens several new streams in one statement (EventStore.appendNew): a group commit's appends. */
  async appendNew(
    streams: readonly { streamId: string; caseId: string; events: E[]; context: EventContext }[],
    manager: EntityManager,
  ): Promise<AppendResult[]> {
    return this.store.appendNew(
      streams.map(({ streamId, caseId, events, context }) => ({
        streamId,
        events: this.toNew(caseId, events, context),
      })),
      manager,
    );
  }

  /** The decided events as the store takes them, with their ids and context. */
  private toNew(caseId: string, events: E[], context: EventContext): NewEvent[] {
    return events.map((event, index) => ({
      type: event.type,
      schemaVersion: event.schemaVersion,
      payload: event.payload,
      eventId: context.idFor?.(index) ?? randomUUID(),
      caseId,
      occurredAt: context.occurredAt,
      correlationId: context.correlationId,
      causationId: context.causationId ?? null,
      actor: context.actor,
    }));
  }
}
