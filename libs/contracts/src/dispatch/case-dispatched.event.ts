import { IsBoolean, IsIn, IsInt, IsISO8601, IsString, IsUUID, Min } from 'class-validator';

/** CaseDispatched v1 (派遣): an order to a department, with its disposal deadline. */
export class CaseDispatchedV1 {
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  /** Where the problem is: the department's crew and the verifying patroller go there. */
  @IsString() gridCellCode: string;
  @IsString() streetId: string;
  @IsString() categoryCode: string;
  @IsISO8601() dispatchedAt: string;
  /** The disposal deadline (处置时限), computed on the district calendar. */
  @IsISO8601() deadlineAt: string;
  @IsInt() @Min(1) timeLimitAmount: number;
  @IsIn(['workingHours', 'workingDays', 'calendarHours']) timeLimitUnit: string;
  /** True when sent by the category/street responsibility matrix rather than by a dispatcher. */
  @IsBoolean() automatic: boolean;
}

export const CASE_DISPATCHED = 'CaseDispatched' as const;
