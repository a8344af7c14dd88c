import { Open311Error } from '../errors/open311-error';
import { parseServiceRequestsQuery } from './service-requests-query';

const now = new Date('2026-07-06T00:00:00Z');
const days = (n: number) => n * 86_400_000;
const parse = (query: Record<string, unknown>) =>
  parseServiceRequestsQuery(query, now, (code) => code === '1102');
const refusal = (query: Record<string, unknown>) => {
  try {
    parse(query);
  } catch (error) {
    return error as Open311Error;
  }
  throw new Error('accepted');
};

describe('GET requests: the parameters and the spec’s defaults', () => {
  it('takes the last 90 days, all statuses and services, the first 1000, by default', () => {
    expect(parse({})).toEqual({
      kind: 'window',
      from: new Date(now.getTime() - days(90)),
      to: now,
      statuses: null,
      serviceCodes: null,
      limit: 1000,
    });
  });

  it('takes 90 days back from end_date, or 90 days on from start_date', () => {
    expect(parse({ end_date: '2026-05-01T00:00:00Z' })).toMatchObject({
      from: new Date(Date.parse('2026-05-01T00:00:00Z') - days(90)),
      to: new Date('2026-05-01T00:00:00Z'),
    });
    expect(parse({ start_date: '2026-01-01T00:00:00+08:00' })).toMatchObject({
      from: new Date('2025-12-31T16:00:00Z'),
      to: new Date(Date.parse('2025-12-31T16:00:00Z') + days(90)),
    });
  });

  it("takes the spec's own example, and statuses and codes comma-delimited or repeated", () => {
    expect(
      parse({ start_date: '2010-05-24T00:00:00Z', end_date: '2010-06-24T00:00:00Z', status: 'open' }),
    ).toMatchObject({ statuses: ['open'] });
    expect(parse({ status: 'open,closed', service_code: ['1102', '1102'] })).toMatchObject({
      statuses: ['open', 'closed'],
      serviceCodes: ['1102'],
    });
  });

  it('lets service_request_id override every other parameter', () => {
    const id = '0b4bd4b6-1f7e-4a39-9c55-4d6cdd2f2d8a';
    expect(parse({ service_request_id: `${id.toUpperCase()},${id}`, status: 'bogus' })).toEqual({
      kind: 'ids',
      ids: [id],
    });
  });

  it.each([
    [{ start_date: '2026-07-01' }, 'OPEN311.DATE_INVALID', 'start_date'],
    [{ end_date: 'soon' }, 'OPEN311.DATE_INVALID', 'end_date'],
    [
      { start_date: '2026-07-02T00:00:00Z', end_date: '2026-07-01T00:00:00Z' },
      'OPEN311.DATE_RANGE_INVALID',
      'start',
    ],
    [
      { start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' },
      'OPEN311.DATE_RANGE_INVALID',
      'start',
    ],
    [{ status: 'pending' }, 'OPEN311.STATUS_INVALID', 'status'],
    [{ service_code: '1102,9999' }, 'OPEN311.SERVICE_CODE_UNKNOWN', 'service_code'],
    [{ service_request_id: '638344' }, 'OPEN311.REQUEST_ID_INVALID', 'service_request_id'],
  ])('refuses %j with %s', (query, errorCode, field) => {
    const error = refusal(query);
    expect(error).toBeInstanceOf(Open311Error);
    expect(error).toMatchObject({ status: 400, errorCode });
    expect(error.message.startsWith(field)).toBe(true);
  });
});
