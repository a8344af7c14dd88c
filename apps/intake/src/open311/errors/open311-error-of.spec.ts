import { DomainError } from '@cityloop/domain';
import { ExpectedVersionConflictError } from '@cityloop/event-store';
import { NotFoundException } from '@nestjs/common';
import { Open311Error } from './open311-error';
import { open311ErrorOf } from './open311-error-of';

describe('open311ErrorOf: every error as an entry of the spec’s list', () => {
  it('takes an Open311 error as it is', () => {
    const error = new Open311Error(429, 'OPEN311.RATE_LIMITED', 'slow down', 3);
    expect(open311ErrorOf(error)).toBe(error);
  });

  it("words a domain refusal with the client's field names and the spec's status", () => {
    const outside = new DomainError('LOCATION.OUTSIDE_DISTRICT', '(1, 2) is outside 江滨区', 422, [
      { field: 'location', problems: ['the point is not inside the district'] },
    ]);
    expect(open311ErrorOf(outside).entry).toEqual({
      code: 400,
      description: 'lat/long: (1, 2) is outside 江滨区',
      error_code: 'LOCATION.OUTSIDE_DISTRICT',
    });
    expect(open311ErrorOf(new DomainError('AUTH.UNAUTHENTICATED', 'no', 401)).status).toBe(403);
    expect(open311ErrorOf(new DomainError('REQUEST.IDEMPOTENCY_KEY_REUSED', 'reused', 422)).entry).toEqual({
      code: 400,
      description: 'reused',
      error_code: 'REQUEST.IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('keeps the status of HTTP errors and conflicts, and hides anything else behind a 500', () => {
    expect(open311ErrorOf(new NotFoundException('Cannot GET /x')).entry).toMatchObject({
      code: 404,
      error_code: 'HTTP.404',
    });
    expect(open311ErrorOf(new ExpectedVersionConflictError('case-1', 1, 2)).status).toBe(409);
    expect(open311ErrorOf(new Error('secret detail')).entry).toEqual({
      code: 500,
      description: 'internal error',
      error_code: 'INTERNAL',
    });
  });
});
