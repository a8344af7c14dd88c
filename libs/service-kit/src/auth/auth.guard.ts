import type { Role } from '@cityloop/contracts';
import { DomainError } from '@cityloop/domain';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './auth.decorators';
import type { Principal } from './principal';
import { TokenError, Tokens } from './tokens';

/**
 * Every route needs `Authorization: Bearer <token>` unless marked @Public(); @Roles() narrows who.
 * A route with neither is refused to everyone but admin: forgetting @Roles() fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: Tokens,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const token = bearerOf(request);
    if (!token) throw new DomainError('AUTH.UNAUTHENTICATED', 'a bearer token is required', 401);
    let principal: Principal;
    try {
      principal = this.tokens.verify(token);
    } catch (error) {
      if (error instanceof TokenError)
        throw new DomainError('AUTH.UNAUTHENTICATED', `invalid token: ${error.message}`, 401);
      throw error;
    }
    request.principal = principal;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets) ?? [];
    if (principal.role === 'admin' || allowed.includes(principal.role)) return true;
    throw new DomainError('AUTH.FORBIDDEN', `role ${principal.role} may not do this`, 403);
  }
}

function bearerOf(request: Request): string | undefined {
  const header = request.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  // EventSource cannot send headers: the live stream (and only it) takes the token as a query parameter.
  const query = request.query.access_token;
  const live = request.method === 'GET' && request.path.endsWith('/live');
  return live && typeof query === 'string' ? query : undefined;
}
