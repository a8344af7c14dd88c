import { DistrictReference, SERVICE_CONFIG, type ServiceConfig } from '@cityloop/service-kit';
import { Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { formatParam } from '../format/format-param';
import { reply } from '../format/reply';
import { w3DateTime } from '../format/w3-datetime';
import { Open311Controller } from '../open311-controller.decorator';
import { OPEN311_PREFIX } from '../open311.mount';

/** The Open311 Service Discovery document (wiki.open311.org/Service_Discovery). */
@Open311Controller()
export class DiscoveryController {
  /**
   * The catalogue (services and their definitions) changes only with the district pack, which a
   * service reads at start: the start is when it last changed as far as clients can tell.
   */
  private readonly changeset = new Date();

  constructor(
    private readonly district: DistrictReference,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  @Get('discovery.:format')
  @ApiOperation({ summary: 'Open311 service discovery: where GeoReport v2 is served, in which formats' })
  discovery(@Param('format') extension: string, @Req() req: Request, @Res() res: Response): void {
    const format = formatParam(extension);
    const { name, nameEn } = this.district.pack.district;
    const changeset = w3DateTime(this.changeset, this.district.timeZone);
    reply(res, format, 'discovery', {
      changeset,
      contact: `${name} (${nameEn}) 12345 citizen service hotline; Cityloop intake`,
      key_service: `api_key: ask the ${nameEn} 12345 office (in development: npm run -s token -- open311)`,
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${req.protocol}://${req.get('host')}/${OPEN311_PREFIX}`,
          changeset,
          type: this.config.production ? 'production' : 'test',
          formats: ['text/xml', 'application/json'],
        },
      ],
    });
  }
}
