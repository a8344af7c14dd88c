import { demoPackPath, DistrictReference } from '@cityloop/service-kit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Open311Error } from '../errors/open311-error';
import { ServiceCatalogue } from '../services/service-catalogue';
import { serviceRequestToReport } from './service-request-form';

const catalogue = new ServiceCatalogue(DistrictReference.load(demoPackPath()));
const garbage = catalogue.services.find((s) => s.service_name === '暴露垃圾')!.service_code;

/** The spec's example POST (test/fixtures/open311), its body parsed as a form is. */
function specExample(): Record<string, string> {
  const text = readFileSync(
    join(
      __dirname,
      '../../../../../test/fixtures/open311/spec-examples/post_requests_example_request.http.txt',
    ),
    'utf8',
  );
  return Object.fromEntries(new URLSearchParams(text.trim().split('\n').at(-1)));
}

const refusal = (fields: Record<string, unknown>): Open311Error => {
  try {
    serviceRequestToReport(fields, catalogue);
  } catch (error) {
    if (error instanceof Open311Error) return error;
    throw error;
  }
  throw new Error('accepted');
};

const valid = { service_code: garbage, lat: '31.2425', long: '121.4607', description: '垃圾' };

describe('POST requests: the arguments as the report Cityloop files', () => {
  it("takes the spec's example with this server's service code", () => {
    const report = serviceRequestToReport({ ...specExample(), service_code: garbage }, catalogue);
    expect(report).toMatchObject({
      source: 'open311',
      categoryCode: garbage,
      location: { lat: 37.76524078, lng: -122.4212043 },
      addressText: '1234 5th street',
      description: 'A large sinkhole is destroying the street',
      reporter: { name: 'john smith', phone: '111111111' },
    });
    expect(JSON.stringify(report)).not.toMatch(/smit333|tt222111|flickr|WHISPAWN/); // not kept
  });

  it('takes JSON as well: numbers, and the attributes as an object', () => {
    const report = serviceRequestToReport(
      {
        service_code: garbage,
        lat: 31.2425,
        long: 121.4607,
        attribute: { urgency: 'urgent', onset: '2026-07-06T08:30:00+08:00' },
      },
      catalogue,
    );
    expect(report).toMatchObject({
      location: { lat: 31.2425, lng: 121.4607 },
      urgency: 'urgent',
      onsetAt: '2026-07-06T00:30:00.000Z',
      description: '暴露垃圾', // the service's name stands for a missing description
    });
    expect(report.reporter).toBeUndefined();
  });

  it('reads the attributes of a form', () => {
    expect(serviceRequestToReport({ ...valid, 'attribute[urgency]': 'urgent' }, catalogue).urgency).toBe(
      'urgent',
    );
  });

  it.each([
    [{ ...valid, service_code: undefined }, 'OPEN311.SERVICE_CODE_MISSING', 'service_code'],
    [{ ...valid, service_code: '9999' }, 'OPEN311.SERVICE_CODE_UNKNOWN', 'service_code'],
    [{ ...valid, lat: undefined }, 'OPEN311.LOCATION_MISSING', 'lat/long'],
    [
      { ...valid, lat: undefined, long: undefined, address_string: '1 Main St' },
      'OPEN311.LOCATION_MISSING',
      'lat/long',
    ],
    [{ ...valid, lat: 'north' }, 'OPEN311.LOCATION_INVALID', 'lat'],
    [{ ...valid, long: '181' }, 'OPEN311.LOCATION_INVALID', 'long'],
    [{ ...valid, lat: ['31', '32'] }, 'OPEN311.FIELD_INVALID', 'lat'],
    [{ ...valid, 'attribute[urgency]': 'now' }, 'OPEN311.ATTRIBUTE_INVALID', 'attribute[urgency]'],
    [{ ...valid, attribute: { onset: 'yesterday' } }, 'OPEN311.ATTRIBUTE_INVALID', 'attribute[onset]'],
    [{ ...valid, media_url: 'javascript:alert(1)' }, 'OPEN311.FIELD_INVALID', 'media_url'],
    [{ ...valid, description: 'x'.repeat(4001) }, 'OPEN311.FIELD_INVALID', 'description'],
    [{ ...valid, phone: 'call me' }, 'OPEN311.FIELD_INVALID', 'phone'],
    [{ ...valid, address_string: 'x'.repeat(501) }, 'OPEN311.FIELD_INVALID', 'address_string'],
    [{ ...valid, priority: 'high' }, 'OPEN311.FIELD_UNKNOWN', '"priority"'],
  ])('refuses %j with %s, naming %s', (fields, errorCode, field) => {
    const error = refusal(fields);
    expect(error.status).toBe(400);
    expect(error.errorCode).toBe(errorCode);
    expect(error.message.startsWith(field)).toBe(true);
  });
});
