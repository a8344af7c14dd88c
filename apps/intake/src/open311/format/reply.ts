import type { Response } from 'express';
import { open311Xml } from './open311-xml';
import { CONTENT_TYPES, type ResponseFormat } from './response-format';

/**
 * The root element of each Open311 document in XML; in JSON the body alone is sent (a list for
 * all but discovery and a service definition, as the spec prints them).
 */
export type Open311Root = 'discovery' | 'services' | 'service_definition' | 'service_requests' | 'errors';

/** Sends an Open311 document in the asked format. */
export function reply(
  res: Response,
  format: ResponseFormat,
  root: Open311Root,
  body: object,
  status = 200,
): void {
  res
    .status(status)
    .type(CONTENT_TYPES[format])
    .send(format === 'json' ? JSON.stringify(body) : open311Xml(root, body));
}
