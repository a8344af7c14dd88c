import { DomainError } from '@cityloop/domain';
import { DistrictReference, Roles } from '@cityloop/service-kit';
import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ACCEPTED_AGE, acceptedAgeOf } from './accepted-age';
import { csvResponse } from './csv';
import { MetricsReadModel, type MetricsQuery, type Subject } from './metrics-read-model';
import { CasesBehindRequest, MetricsRequest, periodOf, SpotsRequest } from './metrics.request';

/** The metric tables of docs/METRICS.md, their drill-down, and every table as CSV. */
@ApiTags('metrics')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@Roles('command', 'evaluator')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsReadModel,
    private readonly district: DistrictReference,
  ) {}

  @Get('streets')
  @ApiOperation({ summary: 'Every figure per street (街道) for a period' })
  @ApiHeader(ACCEPTED_AGE)
  streets(
    @Query() request: MetricsRequest,
    @Headers('cache-control') cacheControl: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.table('street', request, cacheControl, res);
  }

  @Get('departments')
  @ApiOperation({ summary: 'Every figure per department (专业部门) for a period' })
  @ApiHeader(ACCEPTED_AGE)
  departments(
    @Query() request: MetricsRequest,
    @Headers('cache-control') cacheControl: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.table('department', request, cacheControl, res);
  }

  @Get('cases')
  @ApiOperation({ summary: 'The cases behind a figure of a street or department (drill-down)' })
  async cases(@Query() request: CasesBehindRequest, @Res({ passthrough: true }) res: Response) {
    const query = this.queryOf(request);
    if (!this.metrics.figureNames.includes(request.figure))
      throw new DomainError('METRICS.UNKNOWN_FIGURE', `no figure ${request.figure}`, 400, [
        { field: 'figure', problems: [`one of ${this.metrics.figureNames.join(', ')}`] },
      ]);
    if (!request.streetId === !request.departmentId)
      throw new DomainError('REQUEST.INVALID', 'name a streetId or a departmentId', 400, [
        { field: 'streetId', problems: ['exactly one of streetId and departmentId'] },
      ]);
    const [subject, id]: [Subject, string] = request.streetId
      ? ['street', request.streetId]
      : ['department', request.departmentId!];
    const items = await this.metrics.casesBehind(
      request.figure,
      subject,
      id,
      query,
      await this.metrics.asOf(),
    );
    return this.respond(request, res, { figure: request.figure, ...this.header(query), items });
  }

  @Get('rebounds')
  @ApiOperation({
    summary: 'Rebounds (整治反弹): each case closed in the period and the later case that brought it back',
  })
  async rebounds(@Query() request: MetricsRequest, @Res({ passthrough: true }) res: Response) {
    const query = this.queryOf(request);
    const items = await this.metrics.reboundPairs(query);
    return this.respond(request, res, { ...this.header(query), ...this.reboundRule(), items });
  }

  @Get('spots')
  @ApiOperation({ summary: 'Repeat-problem spots: a cell and category with many reports in the period' })
  async spots(@Query() request: SpotsRequest, @Res({ passthrough: true }) res: Response) {
    const query = this.queryOf(request);
    const minReports = request.minReports
      ? Number(request.minReports)
      : this.metrics.rules.repeatSpotMinReports;
    const items = await this.metrics.spots(query, minReports);
    return this.respond(request, res, { ...this.header(query), minReports, items });
  }

  private async table(
    subject: Subject,
    request: MetricsRequest,
    cacheControl: string | undefined,
    res: Response,
  ) {
    const query = this.queryOf(request);
    const maxAge = acceptedAgeOf(cacheControl);
    const table = await this.metrics.table(subject, query, await this.metrics.asOf(), maxAge);
    return this.respond(request, res, {
      ...this.header(query),
      asOf: table.asOf?.toISOString() ?? null,
      computedAt: table.computedAt.toISOString(),
      unit: 'seconds',
      ...this.reboundRule(),
      items: table.items,
    });
  }

  private header(query: MetricsQuery) {
    return {
      from: query.period.from,
      to: query.period.to,
      timeZone: this.metrics.timeZone,
      categoryCode: query.categoryCode,
    };
  }

  private reboundRule() {
    const { reboundRadiusMetres, reboundWindowDays } = this.metrics.rules;
    return { rebound: { radiusMetres: reboundRadiusMetres, windowDays: reboundWindowDays } };
  }

  private queryOf(request: MetricsRequest): MetricsQuery {
    const period = periodOf(request, this.metrics.timeZone);
    if (request.categoryCode) this.district.requireCategory(request.categoryCode);
    return { period, categoryCode: request.categoryCode ?? null };
  }

  /** JSON, or the items as CSV with format=csv. */
  private respond<T extends { items: Record<string, unknown>[] }>(
    request: MetricsRequest,
    res: Response,
    body: T,
  ) {
    return request.format === 'csv' ? csvResponse(res, body.items) : body;
  }
}
