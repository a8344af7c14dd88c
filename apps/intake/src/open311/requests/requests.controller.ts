import { currentCorrelationId } from '@cityloop/messaging';
import { actorOf, DistrictReference, Tokens } from '@cityloop/service-kit';
import { Body, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_KEY_PATTERN } from '../../idempotency/idempotency-keys';
import { ReportCaseCommand } from '../../reports/report-case.command';
import type { ReportCaseResponse } from '../../reports/report-case.response';
import { open311CallerOf } from '../api-key/open311-caller';
import { badField, Open311Error, quoted } from '../errors/open311-error';
import { formatParam } from '../format/format-param';
import { reply } from '../format/reply';
import { Open311Controller } from '../open311-controller.decorator';
import { Open311RateLimits } from '../rate-limits/open311-rate-limits';
import { ServiceCatalogue } from '../services/service-catalogue';
import { serviceRequestToReport } from './service-request-form';
import { serviceRequestOf } from './service-request-view';
import { ServiceRequests } from './service-requests';
import { isServiceRequestId, parseServiceRequestsQuery } from './service-requests-query';

type Arguments = Record<string, unknown>;

/** POST requests (file a request), GET requests (search them) and GET requests/{id}. */
@Open311Controller()
export class RequestsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly catalogue: ServiceCatalogue,
    private readonly requests: ServiceRequests,
    private readonly district: DistrictReference,
    private readonly tokens: Tokens,
    private readonly limits: Open311RateLimits,
  ) {}

  @Post('requests.:format')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Open311: file a service request (api_key required): a report with source open311',
    description:
      'Form-encoded as the spec says, or JSON. The same path as POST /api/v1/reports: placed on the ' +
      "district's grid, joined to an open case of the same problem nearby, Idempotency-Key honoured.",
  })
  async create(
    @Param('format') extension: string,
    @Body() body: Arguments | undefined,
    @Query() query: Arguments,
    @Res() res: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<void> {
    const format = formatParam(extension);
    // The spec's example sends a form body; its Swagger description has the same arguments in
    // the query: both are taken, the body first.
    const fields = { ...query, ...body };
    const caller = open311CallerOf(fields.api_key, this.tokens);
    this.limits.takePost(caller.id);
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw badField('REQUEST.INVALID', 'Idempotency-Key', '1 to 200 visible ASCII characters');
    }
    const report = serviceRequestToReport(fields, this.catalogue);
    const filed: ReportCaseResponse = await this.commandBus.execute(
      new ReportCaseCommand(
        report,
        actorOf(caller),
        currentCorrelationId() ?? randomUUID(),
        new Date(),
        idempotencyKey,
      ),
    );
    const category = this.catalogue.category(report.categoryCode)!;
    reply(res, format, 'service_requests', [
      {
        service_request_id: filed.caseId,
        token: filed.reportId,
        service_notice: filed.duplicate
          ? `The same problem was reported nearby and is being handled as request ${filed.caseId}; this report joined it.`
          : this.catalogue.noticeFor(category, report.urgency ?? 'normal'),
      },
    ]);
  }

  @Get('requests.:format')
  @ApiOperation({
    summary:
      'Open311: service requests by start_date, end_date, status and service_code, or by service_request_id',
    description: 'At most 90 days apart (by default the last 90 days), the first 1000, newest first.',
  })
  async search(
    @Param('format') extension: string,
    @Query() query: Arguments,
    @Res() res: Response,
  ): Promise<void> {
    const format = formatParam(extension);
    const found = await this.requests.find(
      parseServiceRequestsQuery(query, new Date(), (code) => this.catalogue.category(code) !== undefined),
    );
    reply(
      res,
      format,
      'service_requests',
      found.map((progress) => serviceRequestOf(progress, this.catalogue, this.district)),
    );
  }

  @Get('requests/:id.:format')
  @ApiOperation({ summary: 'Open311: one service request (a list of one, as the spec has it)' })
  async one(
    @Param('id') id: string,
    @Param('format') extension: string,
    @Res() res: Response,
  ): Promise<void> {
    const format = formatParam(extension);
    const [found] = isServiceRequestId(id)
      ? await this.requests.find({ kind: 'ids', ids: [id.toLowerCase()] })
      : [];
    if (!found) {
      throw new Open311Error(
        404,
        'OPEN311.REQUEST_NOT_FOUND',
        `service_request_id: ${quoted(id)} was not found`,
      );
    }
    reply(res, format, 'service_requests', [serviceRequestOf(found, this.catalogue, this.district)]);
  }
}
