import type { ReportCase } from './case.decide';
import { decide } from './case.decide';
import { CaseAlreadyReportedError, OnsetAfterReportError } from './case.errors';
import type { CaseEvent } from './case.events';
import { evolve, initialCaseState } from './case.state';

/** given(events).when(command).then(events | error), after Emmett's DeciderSpecification. */
const given = (...events: CaseEvent[]) => ({
  when: (command: ReportCase) => {
    const state = events.reduce(evolve, initialCaseState);
    const run = () => decide(command, state);
    return {
      then: (expected: CaseEvent[]) => expect(run()).toEqual(expected),
      thenThrows: (error: new (...args: never[]) => Error) => expect(run).toThrow(error),
    };
  },
});

const reportedAt = new Date('2026-03-02T01:30:00Z');
const report: ReportCase = {
  kind: 'ReportCase',
  caseId: '3b7c1f3e-2f1a-4c55-9d7e-0a1b2c3d4e5f',
  reportId: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
  source: 'hotline',
  categoryCode: '0201',
  location: { lat: 31.2304, lng: 121.4737 },
  description: '路边垃圾堆积',
  onsetAt: new Date('2026-03-01T23:00:00Z'),
  urgency: 'normal',
  reportedAt,
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
  },
};

describe('case decider: ReportCase', () => {
  it('opens a new case with the report, its onset and business time', () => {
    given().when(report).then([reported]);
  });

  it('leaves out the onset when the caller did not give one', () => {
    const { onsetAt: _onset, ...withoutOnset } = report;
    const { onsetAt: _o, ...payload } = reported.payload;
    given()
      .when(withoutOnset)
      .then([{ ...reported, payload }]);
  });

  it('refuses a second report on the same case stream', () => {
    given(reported).when(report).thenThrows(CaseAlreadyReportedError);
  });

  it('refuses an onset later than the report', () => {
    given()
      .when({ ...report, onsetAt: new Date(reportedAt.getTime() + 1000) })
      .thenThrows(OnsetAfterReportError);
  });
});
