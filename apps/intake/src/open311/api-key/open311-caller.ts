import { TokenError, type Principal, type Tokens } from '@cityloop/service-kit';
import { Open311Error } from '../errors/open311-error';

/**
 * The client behind an api_key (a form field or a query parameter, as the spec has it): a
 * Cityloop token with the role open311 (`npm run -s token -- open311`). Missing, invalid, expired
 * or of another role, it is the spec's 403.
 */
export function open311CallerOf(apiKey: unknown, tokens: Tokens): Principal {
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new Open311Error(403, 'OPEN311.API_KEY_MISSING', 'api_key was not provided');
  }
  let caller: Principal;
  try {
    caller = tokens.verify(apiKey.trim());
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    throw new Open311Error(403, 'OPEN311.API_KEY_INVALID', `invalid api_key: ${error.message}`);
  }
  if (caller.role !== 'open311' && caller.role !== 'admin') {
    throw new Open311Error(
      403,
      'OPEN311.API_KEY_INVALID',
      `invalid api_key: a token of role ${caller.role} is not an Open311 key`,
    );
  }
  return caller;
}
