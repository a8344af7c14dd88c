import { DEVELOPMENT_JWT_SECRET, Tokens } from '@cityloop/service-kit';
import { Open311Error } from '../errors/open311-error';
import { open311CallerOf } from './open311-caller';

const tokens = new Tokens(DEVELOPMENT_JWT_SECRET);

const refusal = (apiKey: unknown): Open311Error => {
  try {
    open311CallerOf(apiKey, tokens);
  } catch (error) {
    return error as Open311Error;
  }
  throw new Error('accepted');
};

describe('the api_key of POST requests', () => {
  it('is an Open311 token', () => {
    const key = tokens.sign({ id: 'civic-app', role: 'open311' });
    expect(open311CallerOf(key, tokens)).toEqual({ id: 'civic-app', role: 'open311' });
  });

  it("is the spec's 403 when missing, invalid, signed by another secret or of another role", () => {
    expect(refusal(undefined)).toMatchObject({ status: 403, errorCode: 'OPEN311.API_KEY_MISSING' });
    expect(refusal('  ')).toMatchObject({ status: 403, errorCode: 'OPEN311.API_KEY_MISSING' });
    expect(refusal('xyz')).toMatchObject({ status: 403, errorCode: 'OPEN311.API_KEY_INVALID' });
    const foreign = new Tokens('another-secret-of-at-least-32-characters!').sign({
      id: 'x',
      role: 'open311',
    });
    expect(refusal(foreign)).toMatchObject({ status: 403, errorCode: 'OPEN311.API_KEY_INVALID' });
    expect(refusal(tokens.sign({ id: 'op', role: 'operator' })).entry).toEqual({
      code: 403,
      description: 'invalid api_key: a token of role operator is not an Open311 key',
      error_code: 'OPEN311.API_KEY_INVALID',
    });
  });
});
