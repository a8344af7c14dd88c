import { Get, Param, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { Open311Error, quoted } from '../errors/open311-error';
import { formatParam } from '../format/format-param';
import { reply } from '../format/reply';
import { Open311Controller } from '../open311-controller.decorator';
import { ServiceRequests } from '../requests/service-requests';

/**
 * GET tokens/{token}: the service request a token stands for. A POST answers both its
 * service_request_id and a token; the token is the report's own id, and resolves to the case it
 * went into, which is another case than a new one when the report joined an open case as a
 * duplicate. Clients written for servers that accept requests asynchronously (type batch) can
 * keep to their flow.
 */
@Open311Controller()
export class TokensController {
  constructor(private readonly requests: ServiceRequests) {}

  @Get('tokens/:token.:format')
  @ApiOperation({ summary: 'Open311: the service_request_id of a token' })
  async token(@Param('token') token: string, @Param('format') extension: string, @Res() res: Response) {
    const format = formatParam(extension);
    const caseId = await this.requests.caseOfReport(token);
    if (!caseId)
      throw new Open311Error(404, 'OPEN311.TOKEN_NOT_FOUND', `token: ${quoted(token)} was not found`);
    reply(res, format, 'service_requests', [{ service_request_id: caseId, token }]);
  }
}
