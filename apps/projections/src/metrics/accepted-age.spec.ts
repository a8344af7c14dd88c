import { DomainError } from '@cityloop/domain';
import { acceptedAgeOf } from './accepted-age';

describe('the age of a metric table a reader accepts (Cache-Control)', () => {
  it('is 0, exact now, without a max-age', () => {
    expect(acceptedAgeOf(undefined)).toBe(0);
    expect(acceptedAgeOf('')).toBe(0);
    expect(acceptedAgeOf('no-store')).toBe(0);
  });

  it('reads max-age among other directives, in any case', () => {
    expect(acceptedAgeOf('max-age=60')).toBe(60);
    expect(acceptedAgeOf('no-transform, MAX-AGE=15')).toBe(15);
    expect(acceptedAgeOf('max-age=0')).toBe(0);
  });

  it('reads the quoted form, and takes a very large age as the longest (RFC 9111)', () => {
    expect(acceptedAgeOf('max-age="60"')).toBe(60);
    expect(acceptedAgeOf('max-age=99999999999999')).toBe(2_147_483_648);
  });

  it('is 0 with no-cache, whatever max-age says', () => {
    expect(acceptedAgeOf('max-age=60, no-cache')).toBe(0);
  });

  it.each(['max-age=', 'max-age=-5', 'max-age=1.5', 'max-age=soon', 'max-age="60'])(
    'refuses %s with REQUEST.INVALID',
    (header) => {
      let thrown: unknown;
      try {
        acceptedAgeOf(header);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect(thrown).toMatchObject({ code: 'REQUEST.INVALID', status: 400 });
    },
  );
});
