import { isDatabaseUnavailable } from './database-unavailable';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a server shutting down', pgError('57P03', 'the database system is shutting down')],
    ['a connection ended by the administrator', pgError('57P01')],
    ['a refused connection', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a connection exception class (08)', pgError('08006')],
    ['a lost connection without a code', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    [
      "TypeORM losing a transaction's connection",
      new Error('Query runner already released. Cannot run queries anymore.'),
    ],
    [
      'TypeORM wrapping the driver error',
      Object.assign(new Error('query failed'), { driverError: pgError('57P03') }),
    ],
  ])('is true for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', pgError('42601')],
    ['a serialization failure (retried, but with attempts)', pgError('40001')],
    ['a plain error', new Error('boom')],
    ['not an error', 'Connection terminated'],
    ['nothing', undefined],
  ])('is false for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
