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
