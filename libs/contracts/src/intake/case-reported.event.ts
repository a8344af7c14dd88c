// Payload classes carry class-transformer decorators, which need the metadata polyfill loaded first.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const REPORT_SOURCES = ['hotline', 'patrol', 'video', 'app', 'open311', 'import'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];
export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

export class GeoPoint {
  @IsNumber() @Min(-90) @Max(90) lat: number;
  @IsNumber() @Min(-180) @Max(180) lng: number;
}

/**
 * CaseReported v1 (上报): the first report of a problem opened a case.
 * The caller's name and phone stay in intake's own table: never here.
 */
export class CaseReportedV1 {
  @IsUUID() reportId: string;
  @IsIn(REPORT_SOURCES) source: ReportSource;
  @IsString() @MaxLength(32) categoryCode: string;
  @ValidateNested() @Type(() => GeoPoint) location: GeoPoint;
  @IsOptional() @IsString() @MaxLength(500) addressText?: string;
  @IsString() @MaxLength(4000) description: string;
  /** The caller's "since when" (问题发生时间), when given. */
  @IsOptional() @IsISO8601() onsetAt?: string;
  @IsIn(URGENCIES) urgency: Urgency;
  @IsISO8601() reportedAt: string;
  /** Where the district pack placed the report (万米单元网格, 社区, 街道). */
  @Matches(/^\d{15}$/) gridCellCode: string;
  @Matches(/^\d{12}$/) communityId: string;
  @Matches(/^\d{9}$/) streetId: string;
}

export const CASE_REPORTED = 'CaseReported' as const;
