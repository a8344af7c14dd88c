import { REPORT_SOURCES, URGENCIES, type ReportSource, type Urgency } from '@cityloop/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class LocationRequest {
  @ApiProperty({ example: 31.2304 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat: number;
  @ApiProperty({ example: 121.4737 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng: number;
}

/** The caller's contact: personal data, kept in intake's own table and never in an event. */
export class ReporterRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) name?: string;
  @ApiPropertyOptional({ example: '13800138000' })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 -]{4,19}$/, { message: 'phone must be digits, spaces or dashes, 5 to 20 long' })
  phone?: string;
}

export class ReportCaseRequest {
  @ApiProperty({ enum: REPORT_SOURCES }) @IsIn(REPORT_SOURCES) source: ReportSource;

  @ApiProperty({ example: '0201' })
  @Matches(/^[A-Za-z0-9.-]{1,32}$/, {
    message: 'categoryCode must be 1 to 32 letters, digits, dots or dashes',
  })
  categoryCode: string;

  @ApiProperty({ type: LocationRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => LocationRequest)
  location: LocationRequest;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) addressText?: string;

  @ApiProperty({ example: '路边垃圾堆积' }) @IsString() @IsNotEmpty() @MaxLength(4000) description: string;

  @ApiPropertyOptional({ description: 'The caller\'s "since when" (ISO 8601 with offset)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  onsetAt?: string;

  @ApiPropertyOptional({ enum: URGENCIES, default: 'normal' })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  @ApiPropertyOptional({ description: 'Business time of the report: importer role only' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt?: string;

  @ApiPropertyOptional({
    default: true,
    description:
      'Importer role only. false: the report always opens a new case, even when an open case of the ' +
      'same category is near (the importing system has deduplicated already); true: a report near ' +
      'such a case is attached to it (重复上报). Any other role sending it gets 400 REQUEST.INVALID.',
  })
  @IsOptional()
  @IsBoolean()
  mergeDuplicates?: boolean;

  @ApiPropertyOptional({ type: ReporterRequest })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReporterRequest)
  reporter?: ReporterRequest;
}
