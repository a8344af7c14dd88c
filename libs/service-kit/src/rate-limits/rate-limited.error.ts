import { DomainError } from '@cityloop/domain';

/** 429: the caller is past its rate limit; Retry-After says in how many whole seconds it may call again. */
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('REQUEST.RATE_LIMITED', message, 429, { retryAfterSeconds });
  }
}
