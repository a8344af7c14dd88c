import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CASE_STATUSES } from './case.view';

export class ListCasesRequest {
  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset = 0;

  @ApiPropertyOptional({ enum: CASE_STATUSES }) @IsOptional() @IsIn(CASE_STATUSES) status?: string;
  @ApiPropertyOptional({ example: '310199001' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'streetId must be a 9-digit street id' })
  streetId?: string;
  @ApiPropertyOptional({ example: 'sanitation' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'departmentId must be a department id' })
  departmentId?: string;
  @ApiPropertyOptional({ example: '1102' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]{1,32}$/, { message: 'categoryCode must be a category code' })
  categoryCode?: string;
  @ApiPropertyOptional({ description: 'A grid cell code or the start of one (a community, a street)' })
  @IsOptional()
  @Matches(/^\d{1,15}$/, { message: 'cell must be digits of a grid cell code' })
  cell?: string;
}
