import { DistrictReference } from '@cityloop/service-kit';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { Open311Error, quoted } from './errors/open311-error';

/**
 * jurisdiction_id: this server serves one jurisdiction, its district (by its division code, e.g.
 * 310199), so the argument may be left out; one that names another is the spec's 404.
 */
@Injectable()
export class JurisdictionGuard implements CanActivate {
  constructor(private readonly district: DistrictReference) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const given = body.jurisdiction_id ?? request.query.jurisdiction_id;
    const ours = this.district.pack.district.code;
    const named = typeof given === 'number' ? String(given) : given;
    if (named !== undefined && named !== ours) {
      throw new Open311Error(
        404,
        'OPEN311.JURISDICTION_NOT_FOUND',
        `jurisdiction_id: ${quoted(given)} was not found; this server serves ${ours} (${this.district.pack.district.nameEn})`,
      );
    }
    return true;
  }
}
