import type { GeoPoint, ReportSource, Urgency } from '@cityloop/contracts';
import { CaseAlreadyReportedError, OnsetAfterReportError } from './case.errors';
import type { CaseEvent } from './case.events';
import type { CaseState } from './case.state';

/** 上报: a first report opens a case. */
export interface ReportCase {
  kind: 'ReportCase';
  caseId: string;
  reportId: string;
  source: ReportSource;
  categoryCode: string;
  location: GeoPoint;
  addressText?: string;
  description: string;
  onsetAt?: Date;
  urgency: Urgency;
  reportedAt: Date;
}

export type CaseCommand = ReportCase;

/** Pure: what happens when `command` meets a case in `state`. Throws a DomainError to refuse. */
export function decide(command: CaseCommand, state: CaseState): CaseEvent[] {
  switch (command.kind) {
    case 'ReportCase': {
      if (state.status !== 'none') throw new CaseAlreadyReportedError(command.caseId);
      if (command.onsetAt && command.onsetAt.getTime() > command.reportedAt.getTime()) {
        throw new OnsetAfterReportError();
      }
      return [
        {
          type: 'CaseReported',
          schemaVersion: 1,
          payload: {
            reportId: command.reportId,
            source: command.source,
            categoryCode: command.categoryCode,
            location: { lat: command.location.lat, lng: command.location.lng },
            ...(command.addressText !== undefined && { addressText: command.addressText }),
            description: command.description,
            ...(command.onsetAt && { onsetAt: command.onsetAt.toISOString() }),
            urgency: command.urgency,
            reportedAt: command.reportedAt.toISOString(),
          },
        },
      ];
    }
  }
}
