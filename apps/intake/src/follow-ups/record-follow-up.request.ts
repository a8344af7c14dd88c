import { SATISFACTION, type Satisfaction } from '@cityloop/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

export class RecordFollowUpRequest {
  @ApiProperty({ enum: SATISFACTION, description: '满意 / 基本满意 / 不满意 (reopens the case)' })
  @IsIn(SATISFACTION)
  satisfaction: Satisfaction;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) notes?: string;
  @ApiPropertyOptional({ description: 'Business time: importer role only' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt?: string;
}
