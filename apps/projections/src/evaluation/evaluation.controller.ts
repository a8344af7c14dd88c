import { DomainError, isQuarterName } from '@cityloop/domain';
import { Caller, DistrictReference, Roles, type Principal } from '@cityloop/service-kit';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ACCEPTED_AGE, acceptedAgeOf } from '../metrics/accepted-age';
import { csvResponse } from '../metrics/csv';
import { EvaluationBuilder } from './evaluation-builder';
import { EvaluationRecords } from './evaluation-records';
import { EvaluationRequest, ImportPartRequest } from './evaluation.requests';

/** The quarterly evaluation (综合考评): live, imported parts, and frozen publications. */
@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('evaluation')
export class EvaluationController {
  constructor(
    private readonly builder: EvaluationBuilder,
    private readonly records: EvaluationRecords,
    private readonly district: DistrictReference,
  ) {}

  @Get(':quarter')
  @Roles('command', 'evaluator')
  @ApiHeader(ACCEPTED_AGE)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      "A quarter's evaluation: as published (latest version, or ?version=n), else live (?live=true: always live)",
  })
  async get(
    @Param('quarter') quarter: string,
    @Query() request: EvaluationRequest,
    @Headers('cache-control') cacheControl: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    requireQuarter(quarter);
    const maxAge = acceptedAgeOf(cacheControl);
    const published =
      request.live === 'true'
        ? null
        : await this.records.publication(quarter, request.version ? Number(request.version) : undefined);
    if (request.version && !published)
      throw new DomainError(
        'EVALUATION.NOT_PUBLISHED',
        `${quarter} has no published version ${request.version}`,
        404,
      );
    const body: Record<string, unknown> = published
      ? {
          ...published.snapshot,
          status: 'published',
          publication: {
            version: published.version,
            publishedAt: published.publishedAt.toISOString(),
            publishedBy: published.publishedBy,
            contentHash: published.contentHash,
          },
        }
      : { ...(await this.builder.build(quarter, maxAge)), status: 'live' };
    if (request.format !== 'csv') return body;
    const rows = (kind: string, items: unknown) =>
      (items as Record<string, unknown>[]).map(({ indicators: _i, ...item }) => ({ kind, ...item }));
    return csvResponse(res, [...rows('street', body.streets), ...rows('department', body.departments)]);
  }

  @Post(':quarter/imports')
  @HttpCode(201)
  @Roles('evaluator')
  @ApiOperation({
    summary: 'Import an external part (third-party checks, experts, media): scores and findings',
  })
  async importPart(
    @Param('quarter') quarter: string,
    @Body() body: ImportPartRequest,
    @Caller() caller: Principal,
  ) {
    requireQuarter(quarter);
    const known = {
      street: new Set(this.district.pack.streets.map((s) => s.id)),
      department: new Set(this.district.pack.departments.map((d) => d.id)),
    };
    const unknown = [...body.scores, ...body.findings].filter((s) => !known[s.subject].has(s.id));
    if (unknown.length > 0)
      throw new DomainError(
        'EVALUATION.UNKNOWN_SUBJECT',
        'a score or finding names no street or department of the district',
        422,
        {
          unknown: unknown.map((u) => `${u.subject}:${u.id}`),
        },
      );
    const scored = body.scores.map((s) => `${s.subject}:${s.id}`);
    if (new Set(scored).size !== scored.length)
      throw new DomainError('EVALUATION.DUPLICATE_SCORE', 'a subject is scored twice in one import', 400, [
        { field: 'scores' },
      ]);
    await this.records.saveImport(quarter, body.part, caller.id, body.scores, body.findings);
    return { quarter, part: body.part, scores: body.scores.length, findings: body.findings.length };
  }

  @Post(':quarter/publish')
  @HttpCode(201)
  @Roles('evaluator')
  @ApiOperation({
    summary:
      'Freeze the live evaluation as the next published version, with its SHA-256 (200: unchanged since the latest version, which it returns)',
  })
  async publish(
    @Param('quarter') quarter: string,
    @Caller() caller: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    requireQuarter(quarter);
    const snapshot = await this.builder.build(quarter);
    const { version, contentHash, publishedAt, fresh } = await this.records.publish(
      quarter,
      caller.id,
      snapshot,
    );
    if (!fresh) res.status(200);
    return { quarter, version, contentHash, publishedAt: publishedAt.toISOString(), unchanged: !fresh };
  }
}

function requireQuarter(quarter: string): void {
  if (!isQuarterName(quarter))
    throw new DomainError('PERIOD.INVALID', `"${quarter}" is not a quarter (2026-Q3)`, 400, [
      { field: 'quarter', problems: ['expected YYYY-Qn'] },
    ]);
}
