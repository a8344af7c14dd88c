import { ApiProperty } from '@nestjs/swagger';

export class ReportCaseResponse {
  @ApiProperty() caseId: string;
  @ApiProperty() reportId: string;
  @ApiProperty({ example: 'reported' }) status: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Unit grid cell (placed once the district pack is loaded)',
  })
  gridCellCode: string | null;
  @ApiProperty({ nullable: true, type: String }) streetId: string | null;
  @ApiProperty({ description: 'True when the report was attached to an open case' }) duplicate: boolean;
}
