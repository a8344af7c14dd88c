import { ROLES, type Role } from '@cityloop/contracts';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import type { Principal } from './principal';

/**
 * The development signing secret, used when JWT_SECRET is not set (services warn at start and
 * refuse it when NODE_ENV=production). Public on purpose: it protects nothing.
 */
export const DEVELOPMENT_JWT_SECRET = 'cityloop-development-secret-do-not-use-in-production';

const ISSUER = 'cityloop';

interface Claims {
  sub: string;
  role: Role;
  dept?: string;
  cells?: string;
}

export class TokenError extends Error {}

/** Signs and verifies Cityloop bearer tokens (HS256 JWT). */
export class Tokens {
  private readonly jwt: JwtService;

  constructor(secret: string) {
    // A KeyObject, made once: given a string, jsonwebtoken tries it as a public key on every verify
    // (and as a private key on every sign), which throws before it takes it as a secret; that was
    // 14 % of intake's CPU under load (docs/PERFORMANCE.md).
    this.jwt = new JwtService({
      secret: createSecretKey(Buffer.from(secret, 'utf8')),
      signOptions: { algorithm: 'HS256', issuer: ISSUER },
    });
  }

  sign(principal: Principal, expiresInSeconds = 7 * 24 * 3600): string {
    const claims: Claims = {
      sub: principal.id,
      role: principal.role,
      ...(principal.departmentId && { dept: principal.departmentId }),
      ...(principal.cellPrefix !== undefined && { cells: principal.cellPrefix }),
    };
    return this.jwt.sign(claims, { expiresIn: expiresInSeconds });
  }

  verify(token: string): Principal {
    let claims: Claims;
    try {
      claims = this.jwt.verify<Claims & object>(token, { algorithms: ['HS256'], issuer: ISSUER });
    } catch (error) {
      throw new TokenError((error as Error).message);
    }
    if (typeof claims.sub !== 'string' || !(ROLES as readonly string[]).includes(claims.role)) {
      throw new TokenError('token without a known role or subject');
    }
    if (claims.role === 'department' && !claims.dept)
      throw new TokenError('a department token must name its department');
    return {
      id: claims.sub,
      role: claims.role,
      ...(claims.dept && { departmentId: claims.dept }),
      ...(claims.cells !== undefined && { cellPrefix: claims.cells }),
    };
  }
}
