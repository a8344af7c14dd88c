import { DomainError, namedPeriod, periodBetween, type ReportingPeriod } from '@cityloop/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A period and filters: `from` and `to` (both inclusive, district time zone) or a named `period`. */
export class MetricsRequest {
  @ApiPropertyOptional({ example: '2026-07-01' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-09-30' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  @ApiPropertyOptional({
    description: 'A day, ISO week, month or quarter: 2026-07-15, 2026-W29, 2026-07, 2026-Q3',
  })
  @IsOptional()
  @Matches(/^\d{4}-(\d{2}-\d{2}|W\d{2}|\d{2}|Q[1-4])$/, {
    message: 'period must be YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY-Qn',
  })
  period?: string;

  @ApiPropertyOptional({ example: '1102' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]{1,32}$/, { message: 'categoryCode must be a category code' })
  categoryCode?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class CasesBehindRequest extends MetricsRequest {
  @ApiPropertyOptional({ example: 'timeToDispose.working', description: 'A figure of the metric tables' })
  @Matches(/^[A-Za-z.]{1,64}$/, { message: 'figure must name a figure of the metric tables' })
  figure: string;

  @ApiPropertyOptional({ example: '310199001' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'streetId must be a 9-digit street id' })
  streetId?: string;

  @ApiPropertyOptional({ example: 'sanitation' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'departmentId must be a department id' })
  departmentId?: string;
}

export class SpotsRequest extends MetricsRequest {
  @ApiPropertyOptional({ description: 'Reports that make a spot (default: the district rule, 5)' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,3}$/, { message: 'minReports must be a positive whole number' })
  minReports?: string;
}

/** The request's period: a named one, else from and to; PERIOD.REQUIRED without either. */
export function periodOf(request: MetricsRequest, timeZone: string): ReportingPeriod {
  if (request.period) return namedPeriod(request.period, timeZone);
  if (request.from && request.to) return periodBetween(request.from, request.to, timeZone);
  throw new DomainError('PERIOD.REQUIRED', 'give from and to (YYYY-MM-DD, both inclusive) or a period', 400, [
    { field: request.from ? 'to' : 'from', problems: ['required unless period is given'] },
  ]);
}
