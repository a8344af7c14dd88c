import { Public } from '@cityloop/service-kit';
import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Open311ErrorFilter } from './errors/open311-error.filter';
import { JurisdictionGuard } from './jurisdiction.guard';
import { OPEN311_PREFIX } from './open311.mount';
import { Open311RateLimitGuard } from './rate-limits/open311-rate-limit.guard';

/**
 * A controller of the Open311 surface: under /open311/v2, outside Cityloop's bearer-token guard
 * (the GETs are public; POST requests checks its api_key itself), rate-limited, with
 * jurisdiction_id checked, and every error in the spec's form.
 */
export const Open311Controller = () =>
  applyDecorators(
    Controller(OPEN311_PREFIX),
    Public(),
    UseGuards(Open311RateLimitGuard, JurisdictionGuard),
    UseFilters(Open311ErrorFilter),
    ApiTags('open311'),
  );
