import { badField, quoted } from '../errors/open311-error';
import { parseW3DateTime } from '../format/w3-datetime';
import { OPEN311_STATUSES, type Open311Status } from './open311-status';

/** The spec's defaults: a span of at most 90 days, and the first 1000 requests. */
export const MAX_SPAN_DAYS = 90;
export const MAX_REQUESTS = 1000;
const DAY_MS = 86_400_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a text can be a service request id here (a case's id: a UUID). */
export const isServiceRequestId = (text: string): boolean => UUID.test(text);

/** What GET requests asks for: named requests, or those requested in a window, filtered. */
export type ServiceRequestsQuery =
  | { kind: 'ids'; ids: string[] }
  | {
      kind: 'window';
      from: Date;
      to: Date;
      statuses: Open311Status[] | null;
      serviceCodes: string[] | null;
      limit: number;
    };

/** A parameter's values: comma-delimited, and the parameter may also be given more than once. */
function listOf(value: unknown): string[] | null {
  if (value === undefined) return null;
  const given = Array.isArray(value) ? value : [value];
  return given
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function dateOf(query: Record<string, unknown>, field: 'start_date' | 'end_date'): Date | undefined {
  const value = query[field];
  if (value === undefined) return undefined;
  const instant = typeof value === 'string' ? parseW3DateTime(value) : undefined;
  if (!instant) {
    throw badField(
      'OPEN311.DATE_INVALID',
      field,
      `${quoted(value)} is not a date-time with its zone (e.g. 2010-05-24T00:00:00Z)`,
    );
  }
  return instant;
}

/**
 * GET requests' parameters, as GeoReport v2 defines them: service_request_id (comma-delimited)
 * overrides all others; otherwise requests requested between start_date and end_date (at most 90
 * days apart; 90 days back from end_date, or from now, by default; 90 days on from start_date when
 * only it is given), of the given statuses and service codes, the first 1000, newest first.
 * Parameters this server does not use (jurisdiction_id is checked elsewhere, api_key) are ignored.
 */
export function parseServiceRequestsQuery(
  query: Record<string, unknown>,
  now: Date,
  isService: (code: string) => boolean,
): ServiceRequestsQuery {
  const ids = listOf(query.service_request_id);
  if (ids !== null) {
    const bad = ids.filter((id) => !isServiceRequestId(id));
    if (bad.length > 0 || ids.length === 0 || ids.length > MAX_REQUESTS) {
      throw badField(
        'OPEN311.REQUEST_ID_INVALID',
        'service_request_id',
        bad.length > 0
          ? `${bad.map(quoted).join(', ')}: not a service request id of this server`
          : `give 1 to ${MAX_REQUESTS} ids, comma-delimited`,
      );
    }
    return { kind: 'ids', ids: [...new Set(ids.map((id) => id.toLowerCase()))] };
  }

  const start = dateOf(query, 'start_date');
  const end = dateOf(query, 'end_date');
  const to = end ?? (start ? new Date(start.getTime() + MAX_SPAN_DAYS * DAY_MS) : now);
  const from = start ?? new Date(to.getTime() - MAX_SPAN_DAYS * DAY_MS);
  if (from.getTime() > to.getTime()) {
    throw badField('OPEN311.DATE_RANGE_INVALID', 'start_date/end_date', 'start_date is after end_date');
  }
  if (to.getTime() - from.getTime() > MAX_SPAN_DAYS * DAY_MS) {
    throw badField(
      'OPEN311.DATE_RANGE_INVALID',
      'start_date/end_date',
      `the range may not span more than ${MAX_SPAN_DAYS} days`,
    );
  }

  const statuses = listOf(query.status);
  const badStatuses = statuses?.filter((s) => !(OPEN311_STATUSES as readonly string[]).includes(s)) ?? [];
  if (badStatuses.length > 0 || statuses?.length === 0) {
    throw badField(
      'OPEN311.STATUS_INVALID',
      'status',
      `${badStatuses.map(quoted).join(', ') || '""'}: not open or closed`,
    );
  }

  const serviceCodes = listOf(query.service_code);
  const unknown = serviceCodes?.filter((code) => !isService(code)) ?? [];
  if (unknown.length > 0 || serviceCodes?.length === 0) {
    throw badField(
      'OPEN311.SERVICE_CODE_UNKNOWN',
      'service_code',
      `${unknown.map(quoted).join(', ') || '""'}: not a service of this server (see services.json)`,
    );
  }

  return {
    kind: 'window',
    from,
    to,
    statuses: statuses && [...new Set(statuses as Open311Status[])],
    serviceCodes: serviceCodes && [...new Set(serviceCodes)],
    limit: MAX_REQUESTS,
  };
}
