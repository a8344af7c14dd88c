import type { VerificationOpenedV1 } from '@cityloop/contracts';
import { decide, type VerificationCommand } from './verification.decide';
import {
  NotAwaitingSignOffError,
  VerificationAlreadyDoneError,
  VerificationNotFoundError,
} from './verification.errors';
import type { VerificationEvent } from './verification.events';
import { evolve, initialVerificationState } from './verification.state';

const given = (...events: VerificationEvent[]) => ({
  when: (command: VerificationCommand) => {
    const state = events.reduce(evolve, initialVerificationState);
    const run = () => decide(command, state);
    return {
      then: (expected: VerificationEvent[]) => expect(run()).toEqual(expected),
      thenThrows: (error: new (...args: never[]) => Error) => expect(run).toThrow(error),
    };
  },
});

const check: VerificationOpenedV1 = {
  verificationId: 'c0a8012e-0000-4000-8000-0000000000cc',
  orderId: 'c0a8012e-0000-4000-8000-0000000000aa',
  departmentId: 'sanitation',
  gridCellCode: '310199001001001',
  openedAt: '2026-03-02T04:00:00.000Z',
};
const at = new Date('2026-03-02T05:00:00Z');
const opened: VerificationEvent = { type: 'VerificationOpened', schemaVersion: 1, payload: check };
const pass: VerificationCommand = {
  kind: 'RecordResult',
  verificationId: check.verificationId,
  passed: true,
  at,
  evidenceIds: [],
  signOffRequired: false,
};
const fail: VerificationCommand = { ...pass, passed: false, notes: '仍有垃圾' };
const result = {
  verificationId: check.verificationId,
  orderId: check.orderId,
  checkedAt: at.toISOString(),
  evidenceIds: [],
};

describe('verification decider', () => {
  it('opens a check for a disposal report, once', () => {
    given().when({ kind: 'OpenVerification', check }).then([opened]);
    given(opened).when({ kind: 'OpenVerification', check }).then([]);
  });

  it('closes the case on a passed check', () =>
    given(opened)
      .when(pass)
      .then([
        { type: 'VerificationPassed', schemaVersion: 1, payload: result },
        {
          type: 'CaseClosed',
          schemaVersion: 1,
          payload: {
            verificationId: check.verificationId,
            orderId: check.orderId,
            closedAt: at.toISOString(),
          },
        },
      ]));

  it('sends the order back on a failed check', () =>
    given(opened)
      .when(fail)
      .then([
        {
          type: 'VerificationFailed',
          schemaVersion: 1,
          payload: { ...result, notes: '仍有垃圾', departmentId: 'sanitation' },
        },
      ]));

  it('refuses to verify before any disposal was reported', () =>
    given().when(pass).thenThrows(VerificationNotFoundError));

  it('refuses to decide a check twice (close twice)', () => {
    const [passed] = decide(pass, [opened].reduce(evolve, initialVerificationState));
    given(opened, passed).when(pass).thenThrows(VerificationAlreadyDoneError);
    given(opened, passed).when(fail).thenThrows(VerificationAlreadyDoneError);
  });

  describe("where the district wants the chief's sign-off (值班长审核结案)", () => {
    const passedOnly: VerificationEvent = { type: 'VerificationPassed', schemaVersion: 1, payload: result };
    const signOff = { kind: 'SignOff' as const, verificationId: check.verificationId, approve: true, at };
    it('a pass waits for the sign-off', () =>
      given(opened)
        .when({ ...pass, signOffRequired: true })
        .then([passedOnly]));
    it('the sign-off closes the case', () =>
      given(opened, passedOnly)
        .when(signOff)
        .then([
          {
            type: 'CaseClosed',
            schemaVersion: 1,
            payload: {
              verificationId: check.verificationId,
              orderId: check.orderId,
              closedAt: at.toISOString(),
            },
          },
        ]));
    it('a refused sign-off sends the order back for rework', () =>
      given(opened, passedOnly)
        .when({ ...signOff, approve: false, reason: '照片不清' })
        .then([
          {
            type: 'VerificationFailed',
            schemaVersion: 1,
            payload: {
              verificationId: check.verificationId,
              orderId: check.orderId,
              departmentId: 'sanitation',
              checkedAt: at.toISOString(),
              evidenceIds: [],
              notes: '照片不清',
            },
          },
        ]));
    it('refuses a sign-off of a check not passed, or already closed', () => {
      given(opened).when(signOff).thenThrows(NotAwaitingSignOffError);
      const [, closed] = decide(pass, [opened].reduce(evolve, initialVerificationState));
      given(opened, passedOnly, closed).when(signOff).thenThrows(NotAwaitingSignOffError);
    });
  });
});
