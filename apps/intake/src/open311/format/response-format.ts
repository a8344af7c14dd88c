/** The formats GeoReport v2 names by the resource's extension (services.xml, services.json). */
export const RESPONSE_FORMATS = ['json', 'xml'] as const;
export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];

/** As the spec asks: XML as text/xml, JSON as application/json, both in UTF-8. */
export const CONTENT_TYPES: Record<ResponseFormat, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

export const isResponseFormat = (value: unknown): value is ResponseFormat =>
  (RESPONSE_FORMATS as readonly unknown[]).includes(value);

/**
 * The format an answer to this path is given in: JSON for a .json resource, else XML, the
 * format every GeoReport v2 server must speak (an unknown extension is answered in it too).
 */
export const formatOfPath = (path: string): ResponseFormat => (path.endsWith('.json') ? 'json' : 'xml');
