import { RETURN_REASONS } from '@cityloop/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

/** GET /orders: the inbox, optionally narrowed to one case's orders. */
export class ListOrdersRequest {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "Only this case's orders (every order of it, open and done, the caller may see)",
  })
  @IsOptional()
  @IsUUID()
  caseId?: string;
}

/** Business time of a step: importer role only. */
export class StepRequest {
  @ApiPropertyOptional({ description: 'Business time of the step: importer role only' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt?: string;
}

export class ReturnOrderRequest extends StepRequest {
  @ApiProperty({ enum: RETURN_REASONS, description: '属地不符 wrong-area, 权属不清 unclear-ownership' })
  @IsIn(RETURN_REASONS)
  reason: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class ExtensionRequest extends StepRequest {
  @ApiProperty({ minimum: 1, maximum: 2000 }) @IsInt() @Min(1) @Max(2000) hours: number;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
}

export class DisposalReportRequest extends StepRequest {
  @ApiProperty({ example: '已清理完毕' }) @IsString() @IsNotEmpty() @MaxLength(4000) notes: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceIds?: string[];
}
