import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentKind, Open311Answer } from './open311-client';

/** The GeoReport v2 schemas from open311/schema-validation (test/fixtures/open311/SOURCE.md). */
const SCHEMA_DIR = join(__dirname, '..', '..', 'fixtures', 'open311', 'schema');

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function compile(): Record<DocumentKind, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('date-time', (text: string) => RFC3339.test(text) && !Number.isNaN(Date.parse(text)));
  ajv.addFormat('uri', (text: string) => URL.canParse(text));
  // Swagger's own formats (swagger.json): any id text, whole numbers, doubles.
  ajv.addFormat('uid', () => true);
  ajv.addFormat('uint', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
  ajv.addFormat('double', { type: 'number', validate: () => true });

  const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json') && f !== 'swagger.json');
  // Each schema under its file name: their $refs name files ("$ref": "request.json").
  for (const file of files) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')), file);
  const swagger = JSON.parse(readFileSync(join(SCHEMA_DIR, 'swagger.json'), 'utf8')) as {
    definitions: Record<string, object>;
  };
  const listOf = (item: object) => ajv.compile({ type: 'array', items: item });
  const schema = (file: string) => ajv.getSchema(file)!;
  return {
    services: schema('services.json'),
    service_definition: schema('service-definition.json'),
    service_requests: schema('requests.json'),
    // POST requests and GET tokens have no file of their own: swagger.json's definitions.
    created: listOf(swagger.definitions.RequestResponse),
    token: listOf(swagger.definitions.TokenResponse),
    // Neither discovery nor the error list has a schema there; these follow the spec's text
    // (wiki.open311.org/Service_Discovery, and GeoReport v2's "Errors").
    discovery: ajv.compile({
      type: 'object',
      required: ['changeset', 'contact', 'key_service', 'endpoints'],
      properties: {
        changeset: { type: 'string', format: 'date-time' },
        contact: { type: 'string' },
        key_service: { type: 'string' },
        endpoints: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['specification', 'url', 'changeset', 'type', 'formats'],
            properties: {
              specification: { type: 'string', format: 'uri' },
              url: { type: 'string', format: 'uri' },
              changeset: { type: 'string', format: 'date-time' },
              type: { enum: ['production', 'test'] },
              formats: { type: 'array', minItems: 1, items: { enum: ['text/xml', 'application/json'] } },
            },
          },
        },
      },
    }),
    errors: ajv.compile({
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['code', 'description'],
        properties: { code: { type: 'integer' }, description: { type: 'string' } },
      },
    }),
  };
}

let validators: Record<DocumentKind, ValidateFunction> | undefined;

/** What is wrong with an answer's document against the spec's schema for its kind (empty: nothing). */
export function schemaProblems(kind: DocumentKind, document: unknown): string[] {
  validators ??= compile();
  const validate = validators[kind];
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${kind}${e.instancePath} ${e.message ?? ''}`.trim());
}

/** The root element of each document in XML, as the spec prints them. */
const XML_ROOTS: Record<DocumentKind, string> = {
  discovery: 'discovery',
  services: 'services',
  service_definition: 'service_definition',
  service_requests: 'service_requests',
  created: 'service_requests',
  token: 'service_requests',
  errors: 'errors',
};

/**
 * An inspector for Open311Client: fails the call at once when an answer is off the spec (its
 * document against the schema of its kind, its content type, its XML root element).
 */
export function requireSpecDocuments(answer: Open311Answer): void {
  const problems = schemaProblems(answer.kind, answer.document);
  const xml = answer.root !== undefined;
  if (!answer.contentType.startsWith(xml ? 'text/xml' : 'application/json')) {
    problems.push(`content type ${answer.contentType}`);
  }
  if (!/charset=utf-8/i.test(answer.contentType)) problems.push(`no UTF-8 charset in ${answer.contentType}`);
  if (xml && answer.root !== XML_ROOTS[answer.kind]) problems.push(`root element <${answer.root}>`);
  if (xml && !answer.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>'))
    problems.push('no XML declaration');
  if (problems.length > 0) {
    throw new Error(
      `${answer.kind} answer (${answer.status}) is off the spec: ${problems.join('; ')}\n${answer.text}`,
    );
  }
}
