import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';

export class DecideFilingRequest {
  @ApiProperty({ enum: ['file', 'reject'] }) @IsIn(['file', 'reject']) decision: 'file' | 'reject';

  @ApiPropertyOptional({ description: 'Required to reject (不予立案的理由); a note when filing' })
  @ValidateIf((r: DecideFilingRequest) => r.decision === 'reject' || r.reason !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({
    description: 'Filing only: the department to dispatch to, instead of the responsibility matrix',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'departmentId must be a department id' })
  departmentId?: string;

  @ApiPropertyOptional({ description: 'Business time of the decision: importer role only' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt?: string;
}
