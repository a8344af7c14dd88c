import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { reply } from '../format/reply';
import { formatOfPath } from '../format/response-format';
import { open311ErrorOf } from './open311-error-of';
import type { Open311Error } from './open311-error';

/** Answers an Open311 error in the spec's form: a list of {code, description}, in the path's format. */
export function replyError(req: Request, res: Response, error: Open311Error): void {
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  reply(res, formatOfPath(req.path), 'errors', [error.entry], error.status);
}

/** Every error of an Open311 route leaves as the spec's error list, never as Cityloop's {code, message}. */
@Catch()
export class Open311ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Open311');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const answer = open311ErrorOf(error);
    if (answer.status >= 500)
      this.logger.error((error as Error)?.message ?? String(error), (error as Error)?.stack);
    replyError(http.getRequest<Request>(), http.getResponse<Response>(), answer);
  }
}
