import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';

/** The dispatcher's decision on a return or an extension request. */
export class DecisionRequest {
  @ApiProperty() @IsBoolean() approve: boolean;

  @ApiPropertyOptional({ description: 'Returns: the department to re-dispatch to on approval' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'departmentId must be a department id' })
  departmentId?: string;

  @ApiPropertyOptional({ description: 'Required to refuse' })
  @ValidateIf((r: DecisionRequest) => r.approve === false || r.reason !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({ description: 'Business time of the decision: importer role only' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt?: string;
}
