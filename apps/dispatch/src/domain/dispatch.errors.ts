import { DomainError } from '@cityloop/domain';

export class CaseAlreadyDispatchedError extends DomainError {
  constructor(caseId: string, departmentId: string) {
    super('CASE.ALREADY_DISPATCHED', `case ${caseId} is already dispatched to ${departmentId}`, 409);
  }
}

export class CaseNotFiledError extends DomainError {
  constructor(caseId: string) {
    super('CASE.NOT_FILED', `case ${caseId} has not been filed (立案) and cannot be dispatched`, 409);
  }
}

export class UnknownDepartmentError extends DomainError {
  constructor(departmentId: string) {
    super('DEPARTMENT.UNKNOWN', `no department ${departmentId} in the district`, 422, [
      { field: 'departmentId', problems: ['must be a department of the district pack'] },
    ]);
  }
}

export class NoPendingReturnError extends DomainError {
  constructor(orderId: string) {
    super('RETURN.NOT_FOUND', `no return of order ${orderId} awaits a decision`, 404);
  }
}

export class NoPendingExtensionError extends DomainError {
  constructor(requestId: string) {
    super('EXTENSION.NOT_FOUND', `no extension request ${requestId} awaits a decision`, 404);
  }
}

export class StaleOrderError extends DomainError {
  constructor(orderId: string) {
    super('ORDER.NOT_CURRENT', `order ${orderId} is no longer the case's current order`, 409);
  }
}

export class PostponementError extends DomainError {
  constructor(caseId: string, message: string) {
    super('CASE.POSTPONEMENT_INVALID', `case ${caseId}: ${message}`, 409);
  }
}
