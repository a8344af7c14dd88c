import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';

/**
 * The element of each item of a list, by the list's element: GeoReport v2's XML wraps every list
 * (<services><service>, <service_requests><request>, <errors><error>, ...).
 */
const ITEM_OF: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

/**
 * Characters XML 1.0 cannot carry at all (most control characters, lone surrogates): a text that
 * holds one (a hotline note with a stray control byte) is given with U+FFFD in its place, so the
 * document stays well-formed. Everything else, <, & and emoji included, is escaped or written as it is
 * by the serializer.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * xmlbuilder2 (4.0.3) escapes an & in text only where it does not already start something shaped
 * like an entity, so "Tom &amp; Jerry" or "&nbsp;" would go out as markup (and the second would
 * not even parse). Every & is written as &amp; first; the serializer then leaves those alone and
 * escapes < and > itself. open311-xml.spec.ts guards this should the library change.
 */
const escapeAmpersands = (text: string): string => text.replace(/&/g, '&amp;');

/**
 * An Open311 document as XML, written by a serializer (xmlbuilder2), never by string
 * concatenation: objects become elements named by their fields, lists are wrapped as the spec
 * wraps them, null is an empty element, undefined is left out.
 */
export function open311Xml(root: string, body: object): string {
  const document = create({ version: '1.0', encoding: 'UTF-8' });
  write(document, root, body);
  return document.end({ prettyPrint: true });
}

function write(parent: XMLBuilder, name: string, value: unknown): void {
  const element = parent.ele(name);
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    const item = ITEM_OF[name];
    if (!item) throw new Error(`no XML item element is known for the list <${name}>`);
    for (const entry of value) write(element, item, entry);
  } else if (typeof value === 'object') {
    for (const [field, child] of Object.entries(value as Record<string, unknown>)) {
      if (child !== undefined) write(element, field, child);
    }
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    element.txt(escapeAmpersands(String(value).replace(NOT_XML, '\uFFFD')));
  } else {
    throw new Error(`<${name}>: a ${typeof value} has no XML form`);
  }
}
