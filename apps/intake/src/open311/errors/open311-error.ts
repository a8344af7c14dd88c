/** One entry of GeoReport v2's error list: the HTTP status as code, a description for people. */
export interface Open311ErrorEntry {
  code: number;
  description: string;
  /** Cityloop's stable code (OPEN311.SERVICE_CODE_UNKNOWN, LOCATION.OUTSIDE_DISTRICT...), for programs. */
  error_code: string;
}

/**
 * A refusal on the Open311 surface, with the spec's HTTP status (400 bad input, 403 api_key,
 * 404 not found; 429 past a rate limit, with the seconds to wait).
 */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    description: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(description);
    this.name = 'Open311Error';
  }

  get entry(): Open311ErrorEntry {
    return { code: this.status, description: this.message, error_code: this.errorCode };
  }
}

/** 400 for one bad field, named as the spec names it. */
export const badField = (errorCode: string, field: string, problem: string): Open311Error =>
  new Open311Error(400, errorCode, `${field}: ${problem}`);

/** A client's value quoted back in an error, cut short: an error never echoes a whole body. */
export const quoted = (given: unknown): string => {
  const value = typeof given === 'string' ? given : (JSON.stringify(given) ?? '');
  return JSON.stringify(value.length <= 40 ? value : `${value.slice(0, 40)}…`);
};
