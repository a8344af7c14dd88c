import { Get, Param, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { Open311Error, quoted } from '../errors/open311-error';
import { formatParam } from '../format/format-param';
import { reply } from '../format/reply';
import { Open311Controller } from '../open311-controller.decorator';
import { ServiceCatalogue } from './service-catalogue';

/** GET services and GET services/{service_code}: the district's categories as Open311 services. */
@Open311Controller()
export class ServicesController {
  constructor(private readonly catalogue: ServiceCatalogue) {}

  @Get('services.:format')
  @ApiOperation({ summary: "Open311 services: the district's category catalogue (部件/事件)" })
  services(@Param('format') extension: string, @Res() res: Response): void {
    reply(res, formatParam(extension), 'services', this.catalogue.services);
  }

  @Get('services/:code.:format')
  @ApiOperation({ summary: "An Open311 service definition: the category's time limit, urgency and onset" })
  definition(@Param('code') code: string, @Param('format') extension: string, @Res() res: Response): void {
    const format = formatParam(extension);
    const definition = this.catalogue.definition(code);
    if (!definition) {
      throw new Open311Error(
        404,
        'OPEN311.SERVICE_CODE_UNKNOWN',
        `service_code: ${quoted(code)} was not found`,
      );
    }
    reply(res, format, 'service_definition', definition);
  }
}
