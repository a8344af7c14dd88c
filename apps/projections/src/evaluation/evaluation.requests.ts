import { IMPORTED_PARTS, type ImportedPart } from '@cityloop/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

const SUBJECTS = ['street', 'department'] as const;

export class ImportedScore {
  @ApiProperty({ enum: SUBJECTS }) @IsIn(SUBJECTS) subject: 'street' | 'department';
  @ApiProperty({ example: '310199001' }) @Matches(/^[A-Za-z0-9_.-]{1,64}$/) id: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsNumber() @Min(0) @Max(100) score: number;
}

/** A finding (问题) an external check named: it stays on the books until an import marks it resolved. */
export class ImportedFinding {
  @ApiProperty({ description: "The finding's stable reference across quarters", example: 'TP-2026-031' })
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/)
  ref: string;
  @ApiProperty({ enum: SUBJECTS }) @IsIn(SUBJECTS) subject: 'street' | 'department';
  @ApiProperty({ example: '310199001' }) @Matches(/^[A-Za-z0-9_.-]{1,64}$/) id: string;
  @ApiProperty({ example: '背街小巷垃圾积存' }) @IsString() @MinLength(1) @MaxLength(500) title: string;
  @ApiProperty({ enum: ['open', 'resolved'] }) @IsIn(['open', 'resolved']) status: 'open' | 'resolved';
  @ApiPropertyOptional({ example: '310199001001001' })
  @IsOptional()
  @Matches(/^\d{15}$/)
  gridCellCode?: string;
}

/** An import of an external part of the evaluation (third-party checks, experts, media). */
export class ImportPartRequest {
  @ApiProperty({ enum: IMPORTED_PARTS }) @IsIn(IMPORTED_PARTS) part: ImportedPart;

  @ApiProperty({ type: [ImportedScore] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ImportedScore)
  scores: ImportedScore[];

  @ApiPropertyOptional({ type: [ImportedFinding] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => ImportedFinding)
  findings: ImportedFinding[] = [];
}

export class EvaluationRequest {
  @ApiPropertyOptional({ description: 'The live figures even when the quarter is published' })
  @IsOptional()
  @IsIn(['true', 'false'])
  live?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'A published version (default: the latest)' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,5}$/, { message: 'version must be a positive whole number' })
  version?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?:
    'json' | 'csv';
}
