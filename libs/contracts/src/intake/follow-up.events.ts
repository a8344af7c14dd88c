import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

export const SATISFACTION = ['satisfied', 'basically', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];

/** FollowUpRecorded v1 (回访): the caller's verdict on a closed hotline case (满意/基本满意/不满意). */
export class FollowUpRecordedV1 {
  @IsIn(SATISFACTION) satisfaction: Satisfaction;
  @IsISO8601() recordedAt: string;
  /** The operator's notes, never the caller's identity. */
  @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

/** CaseReopened v1 (重办): an unsatisfied caller reopens the case for re-handling. */
export class CaseReopenedV1 {
  @IsISO8601() reopenedAt: string;
  @IsIn(['unsatisfied-follow-up']) reason: string;
  @IsString() categoryCode: string;
  @IsString() streetId: string;
  @IsString() gridCellCode: string;
  @IsString() urgency: string;
}
