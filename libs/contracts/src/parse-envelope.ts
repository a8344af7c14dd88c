import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { EventEnvelope } from './event-envelope';
import { EVENT_CATALOGUE } from './event-catalogue';
import { PUBLISHING_SERVICES } from './topics';

/** A record that can never be processed as it is: bad JSON, an unknown type, a payload off its schema. */
export class ContractViolation extends Error {
  constructor(
    readonly code: 'EVENT.MALFORMED_JSON' | 'EVENT.BAD_ENVELOPE' | 'EVENT.UNKNOWN_TYPE' | 'EVENT.BAD_PAYLOAD',
    message: string,
  ) {
    super(message);
    this.name = 'ContractViolation';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isIsoInstant = (v: unknown): boolean => typeof v === 'string' && !Number.isNaN(Date.parse(v));

const ENVELOPE_CHECKS: Record<string, (v: unknown) => boolean> = {
  eventId: (v) => typeof v === 'string' && UUID.test(v),
  type: (v) => typeof v === 'string' && v.length > 0,
  schemaVersion: (v) => Number.isInteger(v) && (v as number) > 0,
  caseId: (v) => v === null || (typeof v === 'string' && UUID.test(v)),
  streamId: (v) => typeof v === 'string' && v.length > 0,
  streamVersion: (v) => Number.isInteger(v) && (v as number) > 0,
  occurredAt: isIsoInstant,
  recordedAt: isIsoInstant,
  correlationId: (v) => typeof v === 'string' && v.length > 0,
  causationId: (v) => v === null || typeof v === 'string',
  actor: (v) =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Record<string, unknown>).role === 'string' &&
    typeof (v as Record<string, unknown>).id === 'string',
  source: (v) => (PUBLISHING_SERVICES as readonly unknown[]).includes(v),
  payload: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

const describe = (errors: ValidationError[], prefix = ''): string[] =>
  errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => `${prefix}${m}`),
    ...describe(e.children ?? [], `${prefix}${e.property}.`),
  ]);

/** Parses and validates one record's value against the envelope and its type's payload schema. */
export function parseEnvelope(raw: Buffer | string | null): EventEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(raw === null ? '' : raw.toString());
  } catch (error) {
    throw new ContractViolation('EVENT.MALFORMED_JSON', `not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null) {
    throw new ContractViolation('EVENT.BAD_ENVELOPE', 'the envelope is not an object');
  }
  const record = value as Record<string, unknown>;
  const bad = Object.entries(ENVELOPE_CHECKS)
    .filter(([field, ok]) => !ok(record[field]))
    .map(([field]) => field);
  if (bad.length > 0)
    throw new ContractViolation('EVENT.BAD_ENVELOPE', `bad envelope fields: ${bad.join(', ')}`);

  const envelope = record as unknown as EventEnvelope;
  const entry = EVENT_CATALOGUE[envelope.type];
  const payloadClass = entry?.versions[envelope.schemaVersion];
  if (!entry || !payloadClass) {
    throw new ContractViolation(
      'EVENT.UNKNOWN_TYPE',
      `unknown event type ${envelope.type} v${envelope.schemaVersion}`,
    );
  }
  if (entry.aboutCase !== false && envelope.caseId === null) {
    throw new ContractViolation('EVENT.BAD_ENVELOPE', `${envelope.type} is about a case: caseId is required`);
  }
  const problems = describe(validateSync(plainToInstance(payloadClass, envelope.payload)));
  if (problems.length > 0) {
    throw new ContractViolation('EVENT.BAD_PAYLOAD', `${envelope.type}: ${problems.join('; ')}`);
  }
  return envelope;
}
