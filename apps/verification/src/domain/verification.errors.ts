import { DomainError } from '@cityloop/domain';

/** Also what a patroller gets for a check outside its cells: 404, so other grids' work stays private. */
export class VerificationNotFoundError extends DomainError {
  constructor(verificationId: string) {
    super('VERIFICATION.NOT_FOUND', `no open check ${verificationId} in your grid`, 404);
  }
}

export class VerificationAlreadyDoneError extends DomainError {
  constructor(verificationId: string, status: string) {
    super('VERIFICATION.ALREADY_DONE', `check ${verificationId} is already ${status}`, 409);
  }
}

export class NotAwaitingSignOffError extends DomainError {
  constructor(verificationId: string, status: string) {
    super(
      'VERIFICATION.NOT_AWAITING_SIGN_OFF',
      `check ${verificationId} is ${status}, not awaiting the chief's sign-off`,
      409,
    );
  }
}
