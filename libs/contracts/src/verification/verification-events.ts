import { IsArray, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** VerificationOpened v1 (待核查): a disposal report awaits an on-site check by the cell's patrollers. */
export class VerificationOpenedV1 {
  @IsUUID() verificationId: string;
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsString() gridCellCode: string;
  @IsISO8601() openedAt: string;
}

/** VerificationPassed v1 (核查通过): the patroller found the problem fixed. */
export class VerificationPassedV1 {
  @IsUUID() verificationId: string;
  @IsUUID() orderId: string;
  @IsISO8601() checkedAt: string;
  @IsOptional() @IsString() @MaxLength(4000) notes?: string;
  @IsArray() @IsUUID('all', { each: true }) evidenceIds: string[];
}

/** VerificationFailed v1 (核查不通过): not fixed; the order goes back for rework (返工). */
export class VerificationFailedV1 {
  @IsUUID() verificationId: string;
  @IsUUID() orderId: string;
  @IsString() departmentId: string;
  @IsISO8601() checkedAt: string;
  @IsOptional() @IsString() @MaxLength(4000) notes?: string;
  @IsArray() @IsUUID('all', { each: true }) evidenceIds: string[];
}

/** CaseClosed v1 (结案): closed on a passed on-site check. */
export class CaseClosedV1 {
  @IsUUID() verificationId: string;
  @IsUUID() orderId: string;
  @IsISO8601() closedAt: string;
}
