import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { ServiceConfig } from '../service-config';
import { SERVICE_CONFIG } from '../tokens';
import { RateLimitedError } from './rate-limited.error';
import { RateLimiter } from './rate-limiter';

/**
 * Rate limits per identity (API.md), after AuthGuard has named the caller: every call counts
 * against its token's subject, people's under RATE_LIMIT_PER_MINUTE and the importer's (an
 * integration identity) under its own RATE_LIMIT_IMPORTER_PER_MINUTE, so one busy caller never
 * slows another. Public routes (health, metrics, the reference data) have no identity and are not
 * counted here; Open311 counts its own callers by address and api_key.
 */
@Injectable()
export class IdentityRateLimitGuard implements CanActivate {
  private readonly people: RateLimiter;
  private readonly importers: RateLimiter;

  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    this.people = new RateLimiter(config.rateLimits.perMinute);
    this.importers = new RateLimiter(config.rateLimits.importerPerMinute);
  }

  canActivate(context: ExecutionContext): boolean {
    const caller = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
    if (!caller) return true;
    const limiter = caller.role === 'importer' ? this.importers : this.people;
    const waitSeconds = limiter.take(`${caller.role}:${caller.id}`);
    if (waitSeconds > 0) {
      throw new RateLimitedError(
        `too many calls from ${caller.id}; try again in ${waitSeconds} s`,
        waitSeconds,
      );
    }
    return true;
  }
}
