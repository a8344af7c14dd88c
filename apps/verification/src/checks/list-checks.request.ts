import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

/** GET /verifications: the open checks in the caller's cells, optionally narrowed to one case. */
export class ListChecksRequest {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this case's open checks" })
  @IsOptional()
  @IsUUID()
  caseId?: string;
}
