import { DomainError } from '@cityloop/domain';

const MAX_AGE = /^max-age=(.*)$/i;
/** RFC 9111, 1.2.2: a larger delta-seconds is taken as this. */
const LONGEST = 2_147_483_648;

/**
 * How old a kept metric table the reader accepts, in seconds, from its request's
 * `Cache-Control: max-age=N` (RFC 9111, 5.2.1.1): the command centre's live refresh sends one.
 * Without it (or with `no-cache`), 0: the table as of the read model's clock now.
 */
export function acceptedAgeOf(cacheControl: string | undefined): number {
  const directives = (cacheControl ?? '').split(',').map((d) => d.trim().toLowerCase());
  if (directives.includes('no-cache')) return 0;
  const maxAge = directives.map((d) => MAX_AGE.exec(d)).find((m) => m !== null);
  if (!maxAge) return 0;
  const seconds = /^"(.*)"$/.exec(maxAge[1])?.[1] ?? maxAge[1]; // the quoted form is accepted too
  if (!/^\d+$/.test(seconds))
    throw new DomainError('REQUEST.INVALID', 'Cache-Control max-age must be a number of seconds', 400, [
      { field: 'Cache-Control', problems: ['max-age=N, N a whole number of seconds'] },
    ]);
  return Math.min(Number(seconds), LONGEST);
}

/** The header as the API documents it (OpenAPI). */
export const ACCEPTED_AGE = {
  name: 'Cache-Control',
  required: false,
  description:
    'max-age=N: a table computed up to N seconds ago will do (served at once, with its own asOf and computedAt, and computed again in the background); without it, the table as of now',
};
