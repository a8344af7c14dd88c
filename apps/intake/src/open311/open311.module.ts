import { Module } from '@nestjs/common';
import { DiscoveryController } from './discovery/discovery.controller';
import { JurisdictionGuard } from './jurisdiction.guard';
import { Open311NotFoundController } from './open311-not-found.controller';
import { Open311RateLimitGuard } from './rate-limits/open311-rate-limit.guard';
import { Open311RateLimits } from './rate-limits/open311-rate-limits';
import { RequestsController } from './requests/requests.controller';
import { ServiceRequests } from './requests/service-requests';
import { ServiceCatalogue } from './services/service-catalogue';
import { ServicesController } from './services/services.controller';
import { TokensController } from './tokens/tokens.controller';

/**
 * Open311 GeoReport v2 on intake, under /open311/v2 (open311.mount.ts; docs/OPEN311.md):
 * discovery, services and their definitions, requests (POST files a report with source open311
 * through intake's report command; the GETs read intake's case progress), tokens.
 */
@Module({
  controllers: [
    DiscoveryController,
    ServicesController,
    RequestsController,
    TokensController,
    Open311NotFoundController,
  ],
  providers: [ServiceCatalogue, ServiceRequests, Open311RateLimits, Open311RateLimitGuard, JurisdictionGuard],
})
export class Open311Module {}
