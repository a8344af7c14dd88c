import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The statuses of a case (API.md), the last step's in business time. */
export const CASE_STATUSES = [
  'reported',
  'filed',
  'rejected',
  'dispatched',
  'signed',
  'disposed',
  'rework',
  'postponed',
  'closed',
  'reopened',
];

export class TimelineEntryView {
  @ApiProperty() type: string;
  @ApiProperty({ description: 'Business time of the step' }) occurredAt: string;
  @ApiProperty({ description: 'The service that recorded it' }) service: string;
  [detail: string]: unknown;
}

export class CaseView {
  @ApiProperty() caseId: string;
  @ApiProperty({ enum: CASE_STATUSES })
  status: string;
  @ApiProperty() categoryCode: string | null;
  @ApiProperty({ nullable: true, type: String }) streetId: string | null;
  @ApiProperty({ nullable: true, type: String }) gridCellCode: string | null;
  @ApiPropertyOptional() departmentId?: string;
  @ApiPropertyOptional() deadlineAt?: string;
  @ApiProperty({ type: [TimelineEntryView] }) timeline: TimelineEntryView[];
}

export class CaseListView {
  @ApiProperty({ type: [CaseView] }) items: Omit<CaseView, 'timeline'>[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
