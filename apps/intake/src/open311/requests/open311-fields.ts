/**
 * Cityloop's report fields (ReportCaseRequest, and the details of the domain's refusals) by the
 * names an Open311 client sent them under, so that every error names what the client wrote.
 */
const OPEN311_NAME_OF: Record<string, string> = {
  categoryCode: 'service_code',
  location: 'lat/long',
  'location.lat': 'lat',
  'location.lng': 'long',
  addressText: 'address_string',
  description: 'description',
  onsetAt: 'attribute[onset]',
  urgency: 'attribute[urgency]',
  reporter: 'first_name/last_name/phone',
  'reporter.name': 'first_name/last_name',
  'reporter.phone': 'phone',
};

export const open311NameOf = (field: string): string => OPEN311_NAME_OF[field] ?? field;
