import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class PostponeRequest {
  @ApiProperty({ example: '需市级部门协调, 暂缓处置' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
  @ApiPropertyOptional({ description: 'Business time: importer role only' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt?: string;
}

export class ResumeRequest {
  @ApiPropertyOptional({ description: 'Business time: importer role only' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt?: string;
}
