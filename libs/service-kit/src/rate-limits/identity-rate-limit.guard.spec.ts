import type { ExecutionContext } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { loadConfig } from '../service-config';
import { IdentityRateLimitGuard } from './identity-rate-limit.guard';
import { RateLimitedError } from './rate-limited.error';

const callBy = (principal?: Principal) =>
  ({ switchToHttp: () => ({ getRequest: () => ({ principal }) }) }) as unknown as ExecutionContext;

const guardWith = (env: Record<string, string>) => new IdentityRateLimitGuard(loadConfig('intake', env));

const refusal = (guard: IdentityRateLimitGuard, principal: Principal): RateLimitedError | undefined => {
  try {
    guard.canActivate(callBy(principal));
    return undefined;
  } catch (error) {
    return error as RateLimitedError;
  }
};

describe('IdentityRateLimitGuard: limits per identity', () => {
  const alice: Principal = { id: 'op-alice', role: 'operator' };
  const bob: Principal = { id: 'op-bob', role: 'operator' };
  const importer: Principal = { id: 'city311', role: 'importer' };

  it('refuses an identity past its limit with 429 and the seconds to wait; others go on', () => {
    const guard = guardWith({ RATE_LIMIT_PER_MINUTE: '2' });
    expect(guard.canActivate(callBy(alice))).toBe(true);
    expect(guard.canActivate(callBy(alice))).toBe(true);
    const refused = refusal(guard, alice);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused).toMatchObject({ status: 429, code: 'REQUEST.RATE_LIMITED', retryAfterSeconds: 30 });
    expect(refusal(guard, bob)).toBeUndefined();
  });

  it("counts the importer under its own limit, configured apart from people's", () => {
    const guard = guardWith({ RATE_LIMIT_PER_MINUTE: '1', RATE_LIMIT_IMPORTER_PER_MINUTE: '3' });
    expect([refusal(guard, importer), refusal(guard, importer), refusal(guard, importer)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(refusal(guard, importer)?.retryAfterSeconds).toBe(20);
    expect(refusal(guard, alice)).toBeUndefined();
    expect(refusal(guard, alice)).toBeInstanceOf(RateLimitedError);
  });

  it('leaves calls without an identity (public routes) alone', () => {
    const guard = guardWith({ RATE_LIMIT_PER_MINUTE: '1' });
    for (let i = 0; i < 5; i++) expect(guard.canActivate(callBy(undefined))).toBe(true);
  });
});
