import type { ProtocolMount } from '@cityloop/service-kit';
import { replyError } from './errors/open311-error.filter';
import { Open311Error } from './errors/open311-error';

/** Where GeoReport v2 is served on intake (API.md: /open311/v2/...). */
export const OPEN311_PREFIX = 'open311/v2';

/** Open311 beside intake's API: outside /api/v1, and a body the parsers refuse answered in the spec's form. */
export const open311Mount: ProtocolMount = {
  prefix: OPEN311_PREFIX,
  answerError: (req, res, status, error) =>
    replyError(req, res, new Open311Error(status, error.code, error.message)),
};
