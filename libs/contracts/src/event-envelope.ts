import type { PublishingService } from './topics';

/** Who caused an event. Never personal data: ids and roles only (the event table is the outbox). */
export interface Actor {
  role: string;
  id: string;
  departmentId?: string;
}

/** The actor of events that the system raises by itself (automatic dispatch, timers). */
export const SYSTEM_ACTOR: Actor = { role: 'system', id: 'cityloop' };

/**
 * The one envelope every Cityloop event travels in, on Kafka and in the event stores.
 * `occurredAt` is business time (when the thing happened in the city); `recordedAt` is when the
 * store committed it. Metrics use only `occurredAt` and the payload's own times.
 */
export interface EventEnvelope<TType extends string = string, TPayload = unknown> {
  eventId: string;
  type: TType;
  schemaVersion: number;
  /**
   * The case the event belongs to, and the Kafka key. Null for the few events about no case (a
   * patrol pass over cells); those are keyed by their stream id.
   */
  caseId: string | null;
  streamId: string;
  streamVersion: number;
  occurredAt: string;
  recordedAt: string;
  correlationId: string;
  causationId: string | null;
  actor: Actor;
  /** The service whose store holds the event. */
  source: PublishingService;
  payload: TPayload;
}

/** An event about a case (nearly all of them): its caseId is set (parseEnvelope checks it). */
export type CaseEnvelope<TPayload = unknown> = EventEnvelope<string, TPayload> & { caseId: string };

/** An event as a command handler proposes it, before the store gives it a version and times. */
export interface NewEvent<TType extends string = string, TPayload = unknown> {
  eventId: string;
  type: TType;
  schemaVersion: number;
  caseId: string | null;
  occurredAt: Date;
  correlationId: string;
  causationId?: string | null;
  actor: Actor;
  payload: TPayload;
}
