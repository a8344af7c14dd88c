import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { Open311RateLimits } from './open311-rate-limits';

/** Counts every Open311 call against its client address before anything else is done. */
@Injectable()
export class Open311RateLimitGuard implements CanActivate {
  constructor(private readonly limits: Open311RateLimits) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    this.limits.takeCall(request.ip ?? request.socket.remoteAddress ?? 'unknown');
    return true;
  }
}
