import { IsBoolean, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

/** CaseFiled v1 (立案): the duty chief (or the automatic rule for patrol reports) opened the case for dispatch. */
export class CaseFiledV1 {
  @IsISO8601() filedAt: string;
  /** True when filed by the district's automatic rule rather than by a chief. */
  @IsBoolean() automatic: boolean;
  @IsString() categoryCode: string;
  @IsString() streetId: string;
  @IsString() gridCellCode: string;
  @IsString() urgency: string;
  @IsOptional() @IsString() @MaxLength(1000) note?: string;
  /**
   * The department named at filing (the chief's choice, or the source system's in an import):
   * automatic dispatch sends the case there rather than to the responsibility matrix's choice.
   */
  @IsOptional() @IsString() @MaxLength(64) departmentId?: string;
}

export const CASE_FILED = 'CaseFiled' as const;
