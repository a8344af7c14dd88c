import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { GeoPoint, REPORT_SOURCES, type ReportSource } from './case-reported.event';

/**
 * ReportAttached v1 (重复上报合并): a later report of the same problem, attached to the open case
 * instead of opening another (same minor category, within the duplicate radius).
 */
export class ReportAttachedV1 {
  @IsUUID() reportId: string;
  @IsIn(REPORT_SOURCES) source: ReportSource;
  @ValidateNested() @Type(() => GeoPoint) location: GeoPoint;
  @Matches(/^\d{15}$/) gridCellCode: string;
  @IsString() @MaxLength(4000) description: string;
  @IsOptional() @IsISO8601() onsetAt?: string;
  @IsISO8601() reportedAt: string;
  /** How far from the case's first report. */
  @IsNumber() @Min(0) distanceMetres: number;
}

export const REPORT_ATTACHED = 'ReportAttached' as const;
