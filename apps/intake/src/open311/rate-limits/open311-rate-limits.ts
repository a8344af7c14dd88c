import { RateLimiter, SERVICE_CONFIG, type ServiceConfig } from '@cityloop/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { Open311Error } from '../errors/open311-error';

/**
 * Open311's rate limits (API.md: per identity, the Open311 keys' configured apart): every call
 * counts against its client address (OPEN311_READS_PER_MINUTE: the public GETs need no key), and
 * every new request also against its api_key (OPEN311_POSTS_PER_MINUTE). Past one: 429 with
 * Retry-After.
 */
@Injectable()
export class Open311RateLimits {
  private readonly calls: RateLimiter;
  private readonly posts: RateLimiter;

  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    this.calls = new RateLimiter(config.open311Limits.readsPerMinute);
    this.posts = new RateLimiter(config.open311Limits.postsPerMinute);
  }

  takeCall(address: string): void {
    check(this.calls.take(address), `too many calls from ${address}`);
  }

  takePost(apiKeyId: string): void {
    check(this.posts.take(apiKeyId), 'too many new requests under this api_key');
  }
}

function check(waitSeconds: number, what: string): void {
  if (waitSeconds > 0) {
    throw new Open311Error(
      429,
      'OPEN311.RATE_LIMITED',
      `${what}; try again in ${waitSeconds} s`,
      waitSeconds,
    );
  }
}
