import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
} from 'class-validator';

export class SignOffRequest {
  @ApiProperty({ description: 'true: close the case (结案); false: send it back for rework' })
  @IsBoolean()
  approve: boolean;
  @ApiPropertyOptional({ description: 'Required to send it back' })
  @ValidateIf((r: SignOffRequest) => r.approve === false || r.reason !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason?: string;
  @ApiPropertyOptional({ description: 'Business time: importer role only' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt?: string;
}
