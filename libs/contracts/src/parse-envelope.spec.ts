import { randomUUID } from 'node:crypto';
import { ContractViolation, parseEnvelope } from './parse-envelope';

const envelope = () => {
  const caseId = randomUUID();
  return {
    eventId: randomUUID(),
    type: 'CaseReported',
    schemaVersion: 1,
    caseId,
    streamId: `case-${caseId}`,
    streamVersion: 1,
    occurredAt: '2026-03-02T01:30:00.000Z',
    recordedAt: '2026-03-02T01:30:00.010Z',
    correlationId: 'c-1',
    causationId: null,
    actor: { role: 'operator', id: 'op-7' },
    source: 'intake',
    payload: {
      reportId: randomUUID(),
      source: 'hotline',
      categoryCode: '0201',
      location: { lat: 31.23, lng: 121.47 },
      description: '暴露垃圾',
      urgency: 'normal',
      reportedAt: '2026-03-02T01:30:00.000Z',
    },
  };
};

const codeOf = (raw: string): string => {
  try {
    parseEnvelope(raw);
  } catch (error) {
    if (error instanceof ContractViolation) return error.code;
    throw error;
  }
  return 'accepted';
};

describe('parseEnvelope', () => {
  it('accepts a valid envelope and returns it', () => {
    const valid = envelope();
    expect(parseEnvelope(Buffer.from(JSON.stringify(valid)))).toEqual(valid);
  });

  it('names the contract violation of each kind of bad record', () => {
    expect(codeOf('{"eventId":')).toBe('EVENT.MALFORMED_JSON');
    expect(codeOf('42')).toBe('EVENT.BAD_ENVELOPE');
    expect(codeOf(JSON.stringify({ ...envelope(), streamVersion: 0 }))).toBe('EVENT.BAD_ENVELOPE');
    expect(codeOf(JSON.stringify({ ...envelope(), source: 'elsewhere' }))).toBe('EVENT.BAD_ENVELOPE');
    expect(codeOf(JSON.stringify({ ...envelope(), type: 'CaseTeleported' }))).toBe('EVENT.UNKNOWN_TYPE');
    expect(codeOf(JSON.stringify({ ...envelope(), schemaVersion: 9 }))).toBe('EVENT.UNKNOWN_TYPE');
    const offSchema = envelope();
    offSchema.payload.location.lat = 123;
    expect(codeOf(JSON.stringify(offSchema))).toBe('EVENT.BAD_PAYLOAD');
  });

  it('says which payload field is off', () => {
    const bad = envelope();
    (bad.payload as Record<string, unknown>).urgency = 'whenever';
    expect(() => parseEnvelope(JSON.stringify(bad))).toThrow(/urgency/);
  });
});
