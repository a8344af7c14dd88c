import type { GeoPoint, ReportSource, Satisfaction, Urgency } from '@cityloop/contracts';
import {
  CaseAlreadyReportedError,
  CaseNotAwaitingFilingError,
  CaseNotFoundError,
  CaseNotOpenError,
  NoFollowUpDueError,
  MAX_ONSET_DAYS,
  OnsetAfterReportError,
  OnsetTooEarlyError,
} from './case.errors';
import type { CaseEvent } from './case.events';
import type { CaseState } from './case.state';

/** Where the district pack placed a point. */
export interface Placement {
  gridCellCode: string;
  communityId: string;
  streetId: string;
}

/** 上报: a first report opens a case; patrol reports may be filed at once by the district's rule. */
export interface ReportCase {
  kind: 'ReportCase';
  caseId: string;
  reportId: string;
  source: ReportSource;
  categoryCode: string;
  location: GeoPoint;
  placement: Placement;
  addressText?: string;
  description: string;
  onsetAt?: Date;
  urgency: Urgency;
  reportedAt: Date;
  fileAutomatically: boolean;
}

/** 立案: the duty chief files the case for dispatch. */
export interface FileCase {
  kind: 'FileCase';
  caseId: string;
  filedAt: Date;
  note?: string;
  /** The department it goes to (see CaseFiledV1.departmentId). */
  departmentId?: string;
}

/** 不予立案/作废: the duty chief declines the report, with a reason. */
export interface RejectCase {
  kind: 'RejectCase';
  caseId: string;
  rejectedAt: Date;
  reason: string;
}

/** 重复上报合并: a later report of the same problem joins the open case. */
export interface AttachReport {
  kind: 'AttachReport';
  caseId: string;
  reportId: string;
  source: ReportSource;
  location: GeoPoint;
  gridCellCode: string;
  description: string;
  onsetAt?: Date;
  reportedAt: Date;
  distanceMetres: number;
}

/** 回访: the operator records the caller's verdict on a closed hotline case; unsatisfied reopens it (重办). */
export interface RecordFollowUp {
  kind: 'RecordFollowUp';
  caseId: string;
  /** Whether the case waits in the follow-up queue (closed, from the hotline, not yet followed up). */
  due: boolean;
  satisfaction: Satisfaction;
  notes?: string;
  recordedAt: Date;
}

export type CaseCommand = ReportCase | AttachReport | FileCase | RejectCase | RecordFollowUp;

/** Pure: what happens when `command` meets a case in `state`. Throws a DomainError to refuse. */
export function decide(command: CaseCommand, state: CaseState): CaseEvent[] {
  switch (command.kind) {
    case 'ReportCase':
      return reportCase(command, state);
    case 'RecordFollowUp': {
      if (state.status === 'none') throw new CaseNotFoundError(command.caseId);
      if (!command.due) throw new NoFollowUpDueError(command.caseId);
      const recordedAt = command.recordedAt.toISOString();
      const followedUp: CaseEvent = {
        type: 'FollowUpRecorded',
        schemaVersion: 1,
        payload: {
          satisfaction: command.satisfaction,
          recordedAt,
          ...(command.notes && { notes: command.notes }),
        },
      };
      if (command.satisfaction !== 'unsatisfied') return [followedUp];
      const { categoryCode, streetId, gridCellCode, urgency } = state.report;
      return [
        followedUp,
        {
          type: 'CaseReopened',
          schemaVersion: 1,
          payload: {
            reopenedAt: recordedAt,
            reason: 'unsatisfied-follow-up',
            categoryCode,
            streetId,
            gridCellCode,
            urgency,
          },
        },
      ];
    }
    case 'AttachReport': {
      if (state.status === 'none') throw new CaseNotFoundError(command.caseId);
      if (state.status === 'rejected') throw new CaseNotOpenError(command.caseId, state.status);
      checkOnset(command.onsetAt, command.reportedAt);
      return [
        {
          type: 'ReportAttached',
          schemaVersion: 1,
          payload: {
            reportId: command.reportId,
            source: command.source,
            location: { lat: command.location.lat, lng: command.location.lng },
            gridCellCode: command.gridCellCode,
            description: command.description,
            ...(command.onsetAt && { onsetAt: command.onsetAt.toISOString() }),
            reportedAt: command.reportedAt.toISOString(),
            distanceMetres: Math.round(command.distanceMetres * 10) / 10,
          },
        },
      ];
    }
    case 'FileCase': {
      const report = awaitingFiling(command.caseId, state);
      return [
        {
          type: 'CaseFiled',
          schemaVersion: 1,
          payload: {
            filedAt: command.filedAt.toISOString(),
            automatic: false,
            categoryCode: report.categoryCode,
            streetId: report.streetId,
            gridCellCode: report.gridCellCode,
            urgency: report.urgency,
            ...(command.note !== undefined && { note: command.note }),
            ...(command.departmentId !== undefined && { departmentId: command.departmentId }),
          },
        },
      ];
    }
    case 'RejectCase':
      awaitingFiling(command.caseId, state);
      return [
        {
          type: 'CaseRejected',
          schemaVersion: 1,
          payload: { rejectedAt: command.rejectedAt.toISOString(), reason: command.reason },
        },
      ];
  }
}

function awaitingFiling(caseId: string, state: CaseState) {
  if (state.status === 'none') throw new CaseNotFoundError(caseId);
  if (state.status !== 'reported') throw new CaseNotAwaitingFilingError(caseId, state.status);
  return state.report;
}

/** An onset is when the problem began: not after its report, nor absurdly long before it. */
function checkOnset(onsetAt: Date | undefined, reportedAt: Date): void {
  if (!onsetAt) return;
  if (onsetAt.getTime() > reportedAt.getTime()) throw new OnsetAfterReportError();
  if (reportedAt.getTime() - onsetAt.getTime() > MAX_ONSET_DAYS * 86_400_000) throw new OnsetTooEarlyError();
}

function reportCase(command: ReportCase, state: CaseState): CaseEvent[] {
  if (state.status !== 'none') throw new CaseAlreadyReportedError(command.caseId);
  checkOnset(command.onsetAt, command.reportedAt);
  const reportedAt = command.reportedAt.toISOString();
  const reported: CaseEvent = {
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
      reportedAt,
      ...command.placement,
    },
  };
  if (!command.fileAutomatically) return [reported];
  return [
    reported,
    {
      type: 'CaseFiled',
      schemaVersion: 1,
      payload: {
        filedAt: reportedAt,
        automatic: true,
        categoryCode: command.categoryCode,
        streetId: command.placement.streetId,
        gridCellCode: command.placement.gridCellCode,
        urgency: command.urgency,
      },
    },
  ];
}
