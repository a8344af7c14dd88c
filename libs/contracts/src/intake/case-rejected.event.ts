import { IsISO8601, IsString, MaxLength, MinLength } from 'class-validator';

/** CaseRejected v1 (不予立案/作废): the duty chief declined to file the report, with a reason. */
export class CaseRejectedV1 {
  @IsISO8601() rejectedAt: string;
  @IsString() @MinLength(1) @MaxLength(1000) reason: string;
}

export const CASE_REJECTED = 'CaseRejected' as const;
