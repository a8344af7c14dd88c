/**
 * A refusal the domain or the edge can explain: a stable code (CASE.NOT_FOUND) that clients may
 * switch on, a message for people, and the HTTP status it maps to.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 422,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
