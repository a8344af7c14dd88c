import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

export class DispatchCaseRequest {
  @ApiProperty({ example: 'sanitation' })
  @Matches(/^[a-z0-9-]{1,64}$/, {
    message: 'departmentId must be a department id (lower-case letters, digits, dashes)',
  })
  departmentId: string;

  @ApiPropertyOptional({ description: 'Business time of the dispatch: importer role only' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt?: string;
}
