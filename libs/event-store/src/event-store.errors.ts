/** Two writers raced on one stream and this one lost: reload and decide again (HTTP 409 at the edge). */
export class ExpectedVersionConflictError extends Error {
  readonly code = 'STREAM.VERSION_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number | 'any',
    readonly actualVersion: number,
  ) {
    super(`stream ${streamId} is at version ${actualVersion}, expected ${expectedVersion}`);
    this.name = 'ExpectedVersionConflictError';
  }
}

/** Some, but not all, of an append's event ids are stored already: a retry that is not the same command. */
export class EventIdReusedError extends Error {
  readonly code = 'STREAM.EVENT_ID_REUSED';
  constructor(readonly eventIds: string[]) {
    super(`event ids already stored with other events: ${eventIds.join(', ')}`);
    this.name = 'EventIdReusedError';
  }
}

/** A programming error: see EventStore.append for why an append must open its transaction's writes. */
export class AppendNotFirstWriteError extends Error {
  readonly code = 'STREAM.APPEND_NOT_FIRST_WRITE';
  constructor() {
    super('append must be the first write of its transaction (the global order is by transaction id)');
    this.name = 'AppendNotFirstWriteError';
  }
}
