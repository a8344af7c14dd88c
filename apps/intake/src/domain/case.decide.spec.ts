import type { CaseFiledV1 } from '@cityloop/contracts';
import { decide, type CaseCommand, type ReportCase } from './case.decide';
import {
  CaseAlreadyReportedError,
  CaseNotAwaitingFilingError,
  CaseNotFoundError,
  CaseNotOpenError,
  NoFollowUpDueError,
  OnsetAfterReportError,
  OnsetTooEarlyError,
} from './case.errors';
import type { CaseEvent } from './case.events';
import { evolve, initialCaseState } from './case.state';

/** given(events).when(command).then(events | error), after Emmett's DeciderSpecification. */
const given = (...events: CaseEvent[]) => ({
  when: (command: CaseCommand) => {
    const state = events.reduce(evolve, initialCaseState);
    const run = () => decide(command, state);
    return {
      then: (expected: CaseEvent[]) => expect(run()).toEqual(expected),
      thenThrows: (error: new (...args: never[]) => Error) => expect(run).toThrow(error),
    };
  },
});

const caseId = '3b7c1f3e-2f1a-4c55-9d7e-0a1b2c3d4e5f';
const reportedAt = new Date('2026-03-02T01:30:00Z');
const placement = { gridCellCode: '310101001001001', communityId: '310101001001', streetId: '310101001' };
const report: ReportCase = {
  kind: 'ReportCase',
  caseId,
  reportId: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
  source: 'hotline',
  categoryCode: '0201',
  location: { lat: 31.2304, lng: 121.4737 },
  placement,
  description: '路边垃圾堆积',
  onsetAt: new Date('2026-03-01T23:00:00Z'),
  urgency: 'normal',
  reportedAt,
  fileAutomatically: false,
};
const reported: CaseEvent = {
  type: 'CaseReported',
  schemaVersion: 1,
  payload: {
    reportId: report.reportId,
    source: 'hotline',
    categoryCode: '0201',
    location: { lat: 31.2304, lng: 121.4737 },
    description: '路边垃圾堆积',
    onsetAt: '2026-03-01T23:00:00.000Z',
    urgency: 'normal',
    reportedAt: '2026-03-02T01:30:00.000Z',
    ...placement,
  },
};
const filedPayload = (filedAt: string, automatic: boolean): CaseFiledV1 => ({
  filedAt,
  automatic,
  categoryCode: '0201',
  streetId: placement.streetId,
  gridCellCode: placement.gridCellCode,
  urgency: 'normal',
});
const filed: CaseEvent = {
  type: 'CaseFiled',
  schemaVersion: 1,
  payload: filedPayload('2026-03-02T02:00:00.000Z', false),
};
const rejected: CaseEvent = {
  type: 'CaseRejected',
  schemaVersion: 1,
  payload: { rejectedAt: '2026-03-02T02:00:00.000Z', reason: '重复上报' },
};
const file: CaseCommand = { kind: 'FileCase', caseId, filedAt: new Date('2026-03-02T02:00:00Z') };
const reject: CaseCommand = {
  kind: 'RejectCase',
  caseId,
  rejectedAt: new Date('2026-03-02T02:00:00Z'),
  reason: '重复上报',
};

describe('intake case decider', () => {
  describe('ReportCase', () => {
    it('opens a new case with the report, its placement, onset and business time', () => {
      given().when(report).then([reported]);
    });

    it('leaves out the onset when the caller did not give one', () => {
      const { onsetAt: _onset, ...withoutOnset } = report;
      const { onsetAt: _o, ...payload } = reported.payload as typeof reported.payload & { onsetAt?: string };
      given()
        .when(withoutOnset)
        .then([{ ...reported, payload }]);
    });

    it('files a report at once when the district files that source automatically', () => {
      given()
        .when({ ...report, source: 'patrol', fileAutomatically: true })
        .then([
          { ...reported, payload: { ...reported.payload, source: 'patrol' } },
          { type: 'CaseFiled', schemaVersion: 1, payload: filedPayload('2026-03-02T01:30:00.000Z', true) },
        ]);
    });

    it('refuses a second report on the same case stream', () => {
      given(reported).when(report).thenThrows(CaseAlreadyReportedError);
    });

    it('refuses an onset later than the report', () => {
      given()
        .when({ ...report, onsetAt: new Date(reportedAt.getTime() + 1000) })
        .thenThrows(OnsetAfterReportError);
    });

    it('refuses an onset more than a year before the report, and takes one just within it', () => {
      const daysBefore = (days: number) => new Date(reportedAt.getTime() - days * 86_400_000);
      given()
        .when({ ...report, onsetAt: daysBefore(367) })
        .thenThrows(OnsetTooEarlyError);
      given()
        .when({ ...report, onsetAt: new Date('1900-01-01T00:00:00Z') })
        .thenThrows(OnsetTooEarlyError);
      expect(decide({ ...report, onsetAt: daysBefore(366) }, initialCaseState)[0].type).toBe('CaseReported');
    });
  });

  describe('FileCase and RejectCase', () => {
    it('files a reported case', () => given(reported).when(file).then([filed]));
    it('files a reported case to a named department', () =>
      given(reported)
        .when({ ...file, departmentId: 'greening' })
        .then([{ ...filed, payload: { ...filed.payload, departmentId: 'greening' } }]));
    it('rejects a reported case with its reason', () => given(reported).when(reject).then([rejected]));
    it('refuses to file a case that was never reported', () =>
      given().when(file).thenThrows(CaseNotFoundError));
    it('refuses to file a case twice', () =>
      given(reported, filed).when(file).thenThrows(CaseNotAwaitingFilingError));
    it('refuses to reject a filed case', () =>
      given(reported, filed).when(reject).thenThrows(CaseNotAwaitingFilingError));
    it('refuses to file a rejected case', () =>
      given(reported, rejected).when(file).thenThrows(CaseNotAwaitingFilingError));
  });

  describe('AttachReport', () => {
    const attach: CaseCommand = {
      kind: 'AttachReport',
      caseId,
      reportId: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c6e',
      source: 'app',
      location: { lat: 31.2305, lng: 121.4738 },
      gridCellCode: placement.gridCellCode,
      description: '还是那堆垃圾',
      reportedAt: new Date('2026-03-02T03:00:00Z'),
      distanceMetres: 14.23,
    };
    const attached: CaseEvent = {
      type: 'ReportAttached',
      schemaVersion: 1,
      payload: {
        reportId: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c6e',
        source: 'app',
        location: { lat: 31.2305, lng: 121.4738 },
        gridCellCode: placement.gridCellCode,
        description: '还是那堆垃圾',
        reportedAt: '2026-03-02T03:00:00.000Z',
        distanceMetres: 14.2,
      },
    };
    it('attaches a later report to a reported or filed case', () => {
      given(reported).when(attach).then([attached]);
      given(reported, filed).when(attach).then([attached]);
    });
    it('refuses to attach to a rejected case or to no case', () => {
      given(reported, rejected).when(attach).thenThrows(CaseNotOpenError);
      given().when(attach).thenThrows(CaseNotFoundError);
    });
  });

  describe('RecordFollowUp (回访)', () => {
    const followUp: CaseCommand = {
      kind: 'RecordFollowUp',
      caseId,
      due: true,
      satisfaction: 'satisfied',
      recordedAt: new Date('2026-03-05T02:00:00Z'),
    };
    const recorded = (satisfaction: 'satisfied' | 'unsatisfied'): CaseEvent => ({
      type: 'FollowUpRecorded',
      schemaVersion: 1,
      payload: { satisfaction, recordedAt: '2026-03-05T02:00:00.000Z' },
    });
    it('records a satisfied caller', () =>
      given(reported, filed)
        .when(followUp)
        .then([recorded('satisfied')]));
    it('reopens the case for re-handling (重办) when the caller is unsatisfied', () =>
      given(reported, filed)
        .when({ ...followUp, satisfaction: 'unsatisfied' })
        .then([
          recorded('unsatisfied'),
          {
            type: 'CaseReopened',
            schemaVersion: 1,
            payload: {
              reopenedAt: '2026-03-05T02:00:00.000Z',
              reason: 'unsatisfied-follow-up',
              categoryCode: '0201',
              streetId: placement.streetId,
              gridCellCode: placement.gridCellCode,
              urgency: 'normal',
            },
          },
        ]));
    it('refuses a follow-up that is not due (not closed, not hotline, or done)', () =>
      given(reported, filed)
        .when({ ...followUp, due: false })
        .thenThrows(NoFollowUpDueError));
  });
});
