import { fieldProblemsOf } from '@cityloop/service-kit';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ReportCaseRequest } from '../../reports/report-case.request';
import { badField, Open311Error, quoted } from '../errors/open311-error';
import { parseW3DateTime } from '../format/w3-datetime';
import { ONSET_ATTRIBUTE, URGENCY_ATTRIBUTE } from '../services/service-attributes';
import type { ServiceCatalogue } from '../services/service-catalogue';
import { open311NameOf } from './open311-fields';

/** The arguments of POST requests that GeoReport v2 defines, besides attribute[...]. */
const SPEC_FIELDS = new Set([
  'api_key',
  'jurisdiction_id',
  'service_code',
  'lat',
  'long',
  'address_string',
  'address_id',
  'email',
  'device_id',
  'account_id',
  'first_name',
  'last_name',
  'phone',
  'description',
  'media_url',
  'attribute',
]);

/** attribute[code] (and attribute[code][] for a multivaluelist), as a form sends them. */
const ATTRIBUTE_FIELD = /^attribute\[([^\]]+)\](\[\])?$/;

type Fields = Record<string, unknown>;

/** A single-valued argument as text (a form's string, or JSON's string or number), or undefined. */
function single(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw badField('OPEN311.FIELD_INVALID', name, 'give it once, as text');
}

/** attribute[code] values, from form fields or from a JSON object under "attribute". */
function attributesOf(fields: Fields): Map<string, string[]> {
  const attributes = new Map<string, string[]>();
  const add = (code: string, value: unknown) => {
    const values = (Array.isArray(value) ? value : [value]).map((v) => {
      if (typeof v !== 'string' && typeof v !== 'number') {
        throw badField('OPEN311.ATTRIBUTE_INVALID', `attribute[${code}]`, 'values are text');
      }
      return String(v);
    });
    attributes.set(code, [...(attributes.get(code) ?? []), ...values]);
  };
  for (const [name, value] of Object.entries(fields)) {
    const match = ATTRIBUTE_FIELD.exec(name);
    if (match) add(match[1], value);
  }
  const nested = fields.attribute;
  if (nested !== undefined) {
    if (typeof nested !== 'object' || nested === null || Array.isArray(nested)) {
      throw badField('OPEN311.ATTRIBUTE_INVALID', 'attribute', 'an object of attribute codes and values');
    }
    for (const [code, value] of Object.entries(nested)) add(code, value);
  }
  return attributes;
}

function coordinate(fields: Fields, name: 'lat' | 'long', limit: number): number {
  const text = single(fields, name);
  const value = text === undefined ? Number.NaN : Number(text);
  if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(text ?? '') || Math.abs(value) > limit) {
    throw badField(
      'OPEN311.LOCATION_INVALID',
      name,
      `${quoted(text)} is not a WGS-84 ${name === 'lat' ? 'latitude' : 'longitude'}`,
    );
  }
  return value;
}

function urgencyOf(values: string[] | undefined): 'normal' | 'urgent' | undefined {
  if (values === undefined) return undefined;
  const [value] = values;
  if (values.length !== 1 || (value !== 'normal' && value !== 'urgent')) {
    throw badField('OPEN311.ATTRIBUTE_INVALID', `attribute[${URGENCY_ATTRIBUTE}]`, 'one of normal, urgent');
  }
  return value;
}

function onsetOf(values: string[] | undefined): string | undefined {
  if (values === undefined) return undefined;
  const instant = values.length === 1 ? parseW3DateTime(values[0]) : undefined;
  if (!instant) {
    throw badField(
      'OPEN311.ATTRIBUTE_INVALID',
      `attribute[${ONSET_ATTRIBUTE}]`,
      'one date-time with its zone, e.g. 2026-07-06T08:30:00+08:00',
    );
  }
  return instant.toISOString();
}

function mediaUrlOf(fields: Fields): void {
  const text = single(fields, 'media_url');
  if (text === undefined) return;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw badField('OPEN311.FIELD_INVALID', 'media_url', 'an http(s) URL');
  }
}

/**
 * POST requests' arguments (form-encoded as the spec says, or JSON) as the report Cityloop files
 * (source open311), checked as POST /api/v1/reports checks one (ReportCaseRequest). Where the
 * spec and Cityloop differ:
 * - lat and long are required: a request is placed on the district's grid by its point, and
 *   this server cannot place an address_string or address_id (the first is kept as the address).
 * - description may be left out: the service's name stands for it.
 * - first_name, last_name and phone are the caller's contact, kept apart from the events like a
 *   hotline caller's; email, device_id, account_id and media_url are checked and not kept.
 * - attribute[urgency] and attribute[onset] are the report's; attributes the service does not
 *   define are ignored (generic clients send their own, as the spec's own example does).
 * Any other argument is refused, naming it; so is every bad value, and nothing is stored.
 */
export function serviceRequestToReport(fields: Fields, catalogue: ServiceCatalogue): ReportCaseRequest {
  const unknown = Object.keys(fields).filter((name) => !SPEC_FIELDS.has(name) && !ATTRIBUTE_FIELD.test(name));
  if (unknown.length > 0) {
    throw new Open311Error(
      400,
      'OPEN311.FIELD_UNKNOWN',
      `${unknown.map(quoted).join(', ')}: not an argument of POST requests`,
    );
  }
  const serviceCode = single(fields, 'service_code');
  if (serviceCode === undefined) {
    throw badField('OPEN311.SERVICE_CODE_MISSING', 'service_code', 'service_code was not provided');
  }
  const category = catalogue.category(serviceCode);
  if (!category) {
    throw badField(
      'OPEN311.SERVICE_CODE_UNKNOWN',
      'service_code',
      `${quoted(serviceCode)} is not a service of this server (see services.json)`,
    );
  }
  if (single(fields, 'lat') === undefined || single(fields, 'long') === undefined) {
    throw badField(
      'OPEN311.LOCATION_MISSING',
      'lat/long',
      'lat and long are required: a request is placed on the district grid by its point',
    );
  }
  const location = { lat: coordinate(fields, 'lat', 90), lng: coordinate(fields, 'long', 180) };
  mediaUrlOf(fields);
  for (const name of ['email', 'device_id', 'account_id', 'address_id', 'jurisdiction_id'])
    single(fields, name);

  const attributes = attributesOf(fields);
  const name = [single(fields, 'first_name'), single(fields, 'last_name')].filter(Boolean).join(' ');
  const phone = single(fields, 'phone');
  const plain = {
    source: 'open311',
    categoryCode: category.code,
    location,
    addressText: single(fields, 'address_string'),
    description: single(fields, 'description') ?? category.name,
    onsetAt: onsetOf(attributes.get(ONSET_ATTRIBUTE)),
    urgency: urgencyOf(attributes.get(URGENCY_ATTRIBUTE)),
    reporter: name || phone ? { name: name || undefined, phone } : undefined,
  };
  const report = plainToInstance(ReportCaseRequest, plain);
  const problems = fieldProblemsOf(validateSync(report, { whitelist: true, forbidNonWhitelisted: true }));
  if (problems.length > 0) {
    throw new Open311Error(
      400,
      'OPEN311.FIELD_INVALID',
      problems.map((p) => `${open311NameOf(p.field)}: ${p.problems.join(', ')}`).join('; '),
    );
  }
  return report;
}
