import { Tokens, DEVELOPMENT_JWT_SECRET } from '@cityloop/service-kit';
import { CliUsageError, issueToken } from './issue-token.command';

const verify = (token: string) => new Tokens(DEVELOPMENT_JWT_SECRET).verify(token);

describe('token command', () => {
  it('issues a department token that names its department', () => {
    expect(verify(issueToken(['department', 'sanitation'], {}))).toEqual({
      id: 'dev-department-sanitation',
      role: 'department',
      departmentId: 'sanitation',
    });
  });

  it('issues a patroller token scoped to a cell prefix, or to the whole district', () => {
    expect(verify(issueToken(['patroller', '310101001'], {}))).toMatchObject({
      role: 'patroller',
      cellPrefix: '310101001',
    });
    expect(verify(issueToken(['patroller'], {}))).toMatchObject({ role: 'patroller', cellPrefix: '' });
  });

  it('refuses an unknown role, a department without its id and a malformed cell prefix', () => {
    expect(() => issueToken(['mayor'], {})).toThrow(CliUsageError);
    expect(() => issueToken(['department'], {})).toThrow(CliUsageError);
    expect(() => issueToken(['patroller', 'abc'], {})).toThrow(CliUsageError);
  });

  it('signs with JWT_SECRET when set, so the development secret no longer verifies it', () => {
    const secret = 'a-production-secret-of-at-least-32-chars!';
    const token = issueToken(['chief'], { JWT_SECRET: secret });
    expect(new Tokens(secret).verify(token).role).toBe('chief');
    expect(() => verify(token)).toThrow();
  });
});
