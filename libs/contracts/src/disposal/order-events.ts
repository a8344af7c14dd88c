import {
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

/** OrderReceived v1 (派单接收): a dispatched order entered the department's inbox. */
export class OrderReceivedV1 {
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsISO8601() dispatchedAt: string;
  @IsISO8601() deadlineAt: string;
  @IsIn(['workingHours', 'workingDays', 'calendarHours']) timeLimitUnit: string;
  @IsString() gridCellCode: string;
  @IsString() streetId: string;
  @IsString() categoryCode: string;
}

/** OrderSigned v1 (签收): the department took the order on. */
export class OrderSignedV1 {
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsISO8601() signedAt: string;
}

export const RETURN_REASONS = ['wrong-area', 'unclear-ownership', 'not-our-duty', 'other'] as const;

/** OrderReturned v1 (退单): the department sends the order back to the dispatcher, with a reason. */
export class OrderReturnedV1 {
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsISO8601() returnedAt: string;
  @IsIn(RETURN_REASONS) reason: string;
  @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

/** ExtensionRequested v1 (延期申请): the department asks the dispatcher for more time. */
export class ExtensionRequestedV1 {
  @IsUUID() orderId: string;
  @IsUUID() requestId: string;
  @IsString() departmentId: string;
  @IsISO8601() requestedAt: string;
  @IsInt() @Min(1) @Max(2000) hours: number;
  @IsString() @MinLength(1) @MaxLength(1000) reason: string;
}

/** DisposalReported v1 (处理反馈): the department reports the problem fixed, with notes and evidence. */
export class DisposalReportedV1 {
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsISO8601() reportedAt: string;
  @IsString() @MaxLength(4000) notes: string;
  @IsArray() @IsUUID('all', { each: true }) evidenceIds: string[];
  @IsString() gridCellCode: string;
}

/** OrderSentBackForRework v1 (返工): the on-site check failed; the same order goes back to the department. */
export class OrderSentBackForReworkV1 {
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsUUID() verificationId: string;
  @IsISO8601() sentBackAt: string;
}

/** OrderClosed v1: the case was closed after a passed check; the order leaves the inbox. */
export class OrderClosedV1 {
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsISO8601() closedAt: string;
}

/** OrderReinstated v1: the dispatcher refused the return; the order is the department's again, as it was. */
export class OrderReinstatedV1 {
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsIn(['dispatched', 'signed']) status: string;
  @IsISO8601() reinstatedAt: string;
}

/** OrderDeadlineExtended v1: an approved extension moved the order's deadline. */
export class OrderDeadlineExtendedV1 {
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsUUID() requestId: string;
  @IsISO8601() deadlineAt: string;
  @IsISO8601() extendedAt: string;
}

/** ExtensionRequestClosed v1: a denied extension request; the department may ask again. */
export class ExtensionRequestClosedV1 {
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsUUID() requestId: string;
  @IsISO8601() closedAt: string;
}

/** OrderDeadlineMoved v1: the order's deadline moved because its case was postponed and resumed. */
export class OrderDeadlineMovedV1 {
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsISO8601() deadlineAt: string;
  @IsISO8601() movedAt: string;
}
