import { DomainError } from '@cityloop/domain';
import { ExpectedVersionConflictError, isDatabaseUnavailable } from '@cityloop/event-store';
import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RateLimitedError } from './rate-limits/rate-limited.error';

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

const CODES_BY_STATUS: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'RESOURCE.NOT_FOUND',
  405: 'REQUEST.METHOD_NOT_ALLOWED',
  409: 'REQUEST.CONFLICT',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'REQUEST.RATE_LIMITED',
};

/** How soon a caller may try again when the database was unavailable (a restart takes about a second). */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

/** Body-parser's own errors, which happen before any route (see answerBodyParserError). */
const PARSER_ERRORS: Record<string, [number, string, string]> = {
  'entity.too.large': [413, 'REQUEST.TOO_LARGE', 'the request body is over the limit of 1 MB'],
  'entity.parse.failed': [400, 'REQUEST.MALFORMED_JSON', 'the request body is not valid JSON'],
  'encoding.unsupported': [415, 'REQUEST.UNSUPPORTED_ENCODING', 'unsupported content encoding'],
  'charset.unsupported': [415, 'REQUEST.UNSUPPORTED_CHARSET', 'unsupported charset'],
};

/** Every error leaves as {code, message, details?} with its proper status; nothing internal leaks. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.describe(error);
    if (error instanceof RateLimitedError) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    if (status === 503) {
      response.setHeader('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      this.logger.warn(`answered 503: ${(error as Error)?.message}`);
    } else if (status >= 500) {
      this.logger.error((error as Error)?.message ?? String(error), (error as Error)?.stack);
    }
    response.status(status).json(body);
  }

  private describe(error: unknown): [number, ErrorBody] {
    if (error instanceof DomainError) {
      return [error.status, { code: error.code, message: error.message, details: error.details }];
    }
    if (error instanceof ExpectedVersionConflictError) {
      return [409, { code: error.code, message: 'the case changed meanwhile; reload it and try again' }];
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const raw = error.getResponse();
      if (typeof raw === 'object' && raw !== null && 'code' in raw) return [status, raw as ErrorBody];
      const given = typeof raw === 'string' ? raw : (raw as { message?: unknown }).message;
      const message =
        typeof given === 'string' ? given : Array.isArray(given) ? given.join('; ') : error.message;
      return [status, { code: CODES_BY_STATUS[status] ?? `HTTP.${status}`, message }];
    }
    if (isDatabaseUnavailable(error)) {
      // Nothing was answered as done: the call can be made again as it is.
      return [
        HttpStatus.SERVICE_UNAVAILABLE,
        { code: 'SERVICE.UNAVAILABLE', message: 'the service cannot reach its database just now; try again' },
      ];
    }
    return [HttpStatus.INTERNAL_SERVER_ERROR, { code: 'INTERNAL', message: 'internal error' }];
  }
}

/**
 * A protocol served beside the API under a path prefix of its own (Open311's /open311/v2/ on
 * intake): its routes keep their own paths, outside /api/v1, and it words its own errors.
 */
export interface ProtocolMount {
  /** The path prefix, without slashes at either end ('open311/v2'). */
  prefix: string;
  /** Answers an error in the protocol's own format (also one that happens before any route). */
  answerError: (req: Request, res: Response, status: number, error: ErrorBody) => void;
}

/** Whether a request's path is under a mounted protocol's prefix. */
export const isUnder = (mount: ProtocolMount, path: string): boolean =>
  path === `/${mount.prefix}` || path.startsWith(`/${mount.prefix}/`);

/**
 * Answers an error raised before any route (a body refused at the edge): in the format of the
 * mounted protocol the path is under, else as {code, message, details?}.
 */
export function answerBeforeRoute(
  protocols: ProtocolMount[],
  req: Request,
  res: Response,
  status: number,
  error: ErrorBody,
): void {
  const protocol = protocols.find((mount) => isUnder(mount, req.path));
  if (protocol) return protocol.answerError(req, res, status, error);
  res.status(status).json(error);
}

/**
 * Express error middleware placed right after the body parsers: a body that is not JSON, or is
 * too large, is answered with its stable code before Nest turns it into a bare 400 (in a mounted
 * protocol's own format under its prefix).
 */
export function answerBodyParserError(protocols: ProtocolMount[] = []) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    const known = PARSER_ERRORS[(error as { type?: string })?.type ?? ''];
    if (!known) return next(error);
    const [status, code, message] = known;
    answerBeforeRoute(protocols, req, res, status, { code, message });
  };
}
