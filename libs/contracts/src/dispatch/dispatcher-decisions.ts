import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** ReturnApproved v1: the dispatcher accepted a department's return (退单); a re-dispatch follows. */
export class ReturnApprovedV1 {
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsISO8601() decidedAt: string;
  @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

/** ReturnRejected v1: the dispatcher refused the return; the order goes back to the department as it was. */
export class ReturnRejectedV1 {
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsISO8601() decidedAt: string;
  @IsString() @MaxLength(1000) reason: string;
}

/** ExtensionApproved v1 (延期批准): the order's deadline moves to deadlineAt. */
export class ExtensionApprovedV1 {
  @IsUUID() orderId: string;
  @IsUUID() requestId: string;
  @IsString() departmentId: string;
  @IsISO8601() decidedAt: string;
  @IsISO8601() deadlineAt: string;
}

/** ExtensionDenied v1: the deadline stays. */
export class ExtensionDeniedV1 {
  @IsUUID() orderId: string;
  @IsUUID() requestId: string;
  @IsString() departmentId: string;
  @IsISO8601() decidedAt: string;
  @IsString() @MaxLength(1000) reason: string;
}

/** DeadlineReminderRaised v1 (预警/催办): 80 % of the order's time limit used; at the exact threshold instant. */
export class DeadlineReminderRaisedV1 {
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsISO8601() thresholdAt: string;
  @IsISO8601() deadlineAt: string;
}

/** OrderEscalated v1 (督办): the deadline passed with the department's part undone; at the deadline. */
export class OrderEscalatedV1 {
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsISO8601() deadlineAt: string;
}

/** CasePostponed v1 (缓办/挂账): a case that cannot be solved now; its order's clock stops. */
export class CasePostponedV1 {
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsISO8601() postponedAt: string;
  @IsString() @MaxLength(1000) reason: string;
}

/** CaseResumed v1: the postponement ends; the order's deadline moves by the time it was postponed. */
export class CaseResumedV1 {
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsISO8601() resumedAt: string;
  @IsISO8601() deadlineAt: string;
}
