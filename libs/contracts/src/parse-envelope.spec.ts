import { sampleCaseReported } from '@cityloop/testing';
import { ContractViolation, parseEnvelope } from './parse-envelope';

const envelope = () => sampleCaseReported();

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
    (bad.payload as unknown as Record<string, unknown>).urgency = 'whenever';
    expect(() => parseEnvelope(JSON.stringify(bad))).toThrow(/urgency/);
  });

  it('takes a null caseId only for events about no case (a patrol pass)', () => {
    const patrol = {
      ...envelope(),
      type: 'PatrolPassLogged',
      caseId: null,
      streamId: 'patrol-1',
      payload: {
        patrolId: 'c0a8012e-0000-4000-8000-0000000000aa',
        patrollerId: 'p-7',
        cellCodes: ['310199001001001'],
        passedAt: '2026-03-02T01:00:00.000Z',
      },
    };
    expect(parseEnvelope(JSON.stringify(patrol)).caseId).toBeNull();
    expect(codeOf(JSON.stringify({ ...envelope(), caseId: null }))).toBe('EVENT.BAD_ENVELOPE');
  });
});
