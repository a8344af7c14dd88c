import { DomainError } from '@cityloop/domain';
import { ExpectedVersionConflictError } from '@cityloop/event-store';
import type { FieldProblem } from '@cityloop/service-kit';
import { HttpException } from '@nestjs/common';
import { open311NameOf } from '../requests/open311-fields';
import { Open311Error } from './open311-error';

/**
 * GeoReport v2 knows 400 for any request it cannot take, 403 for the api_key and 404: Cityloop's
 * 422 (well-formed but refused by the domain, such as a point outside the district) is its 400,
 * and a missing or bad identity is the spec's 403.
 */
const SPEC_STATUS: Record<number, number> = { 401: 403, 422: 400 };

const isFieldProblems = (details: unknown): details is FieldProblem[] =>
  Array.isArray(details) &&
  details.every(
    (d) => typeof (d as FieldProblem)?.field === 'string' && Array.isArray((d as FieldProblem).problems),
  );

/** A domain refusal in the client's words: the fields it names, as the client named them. */
function describe(error: DomainError): string {
  if (!isFieldProblems(error.details) || error.details.length === 0) return error.message;
  const fields = [...new Set(error.details.map((d) => open311NameOf(d.field)))];
  return `${fields.join(', ')}: ${error.message}`;
}

/** Any error raised while answering an Open311 call, as an entry of the spec's error list. */
export function open311ErrorOf(error: unknown): Open311Error {
  if (error instanceof Open311Error) return error;
  if (error instanceof DomainError) {
    return new Open311Error(SPEC_STATUS[error.status] ?? error.status, error.code, describe(error));
  }
  if (error instanceof ExpectedVersionConflictError) {
    return new Open311Error(409, error.code, 'the case changed meanwhile; send the request again');
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return new Open311Error(SPEC_STATUS[status] ?? status, `HTTP.${status}`, error.message);
  }
  return new Open311Error(500, 'INTERNAL', 'internal error');
}
