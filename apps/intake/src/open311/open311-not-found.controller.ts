import { All, Req } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request } from 'express';
import { Open311Error, quoted } from './errors/open311-error';
import { Open311Controller } from './open311-controller.decorator';

/** Anything else under /open311/v2 is the spec's 404, in its form (registered last). */
@Open311Controller()
export class Open311NotFoundController {
  @All('*path')
  @ApiExcludeEndpoint()
  notFound(@Req() req: Request): never {
    throw new Open311Error(404, 'OPEN311.NOT_FOUND', `${req.method} ${quoted(req.path)}: no such resource`);
  }
}
