/** One event of a case as the read model keeps it (case_timeline): business time and full payload. */
export interface TimelineEntry {
  eventId: string;
  type: string;
  occurredAt: Date;
  /** The publishing service. */
  source: string;
  streamVersion: number;
  payload: Record<string, unknown>;
}
