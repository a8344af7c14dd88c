import { DomainError } from '@cityloop/domain';

export class CaseAlreadyReportedError extends DomainError {
  constructor(caseId: string) {
    super('CASE.ALREADY_REPORTED', `case ${caseId} has been reported already`, 409);
  }
}

export class CaseNotFoundError extends DomainError {
  constructor(caseId: string) {
    super('CASE.NOT_FOUND', `no case ${caseId}`, 404);
  }
}

export class CaseNotAwaitingFilingError extends DomainError {
  constructor(caseId: string, status: string) {
    super('CASE.NOT_AWAITING_FILING', `case ${caseId} is ${status}, not awaiting filing`, 409);
  }
}

export class OnsetAfterReportError extends DomainError {
  constructor() {
    super('REPORT.ONSET_AFTER_REPORT', 'onsetAt is later than the report itself', 400, [
      { field: 'onsetAt', problems: ['onsetAt must not be later than the time of the report'] },
    ]);
  }
}

/** The longest a problem may have stood before its report: an onset before that is a slip of the keyboard. */
export const MAX_ONSET_DAYS = 366;

export class OnsetTooEarlyError extends DomainError {
  constructor() {
    super('REPORT.ONSET_TOO_EARLY', `onsetAt is more than ${MAX_ONSET_DAYS} days before the report`, 400, [
      { field: 'onsetAt', problems: [`onsetAt must be within ${MAX_ONSET_DAYS} days before the report`] },
    ]);
  }
}

export class NoFollowUpDueError extends DomainError {
  constructor(caseId: string) {
    super('FOLLOW_UP.NOT_DUE', `case ${caseId} is not awaiting a caller follow-up`, 409);
  }
}

export class CaseNotOpenError extends DomainError {
  constructor(caseId: string, status: string) {
    super('CASE.NOT_OPEN', `case ${caseId} is ${status}: a report can no longer be attached`, 409);
  }
}
