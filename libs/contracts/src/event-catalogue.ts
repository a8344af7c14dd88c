import { CASE_DISPATCHED, CaseDispatchedV1 } from './dispatch/case-dispatched.event';
import {
  CasePostponedV1,
  CaseResumedV1,
  DeadlineReminderRaisedV1,
  ExtensionApprovedV1,
  ExtensionDeniedV1,
  OrderEscalatedV1,
  ReturnApprovedV1,
  ReturnRejectedV1,
} from './dispatch/dispatcher-decisions';
import { CASE_FILED, CaseFiledV1 } from './intake/case-filed.event';
import { CASE_REJECTED, CaseRejectedV1 } from './intake/case-rejected.event';
import { CASE_REPORTED, CaseReportedV1 } from './intake/case-reported.event';
import { CaseReopenedV1, FollowUpRecordedV1 } from './intake/follow-up.events';
import { PATROL_PASS_LOGGED, PatrolPassLoggedV1 } from './intake/patrol-pass-logged.event';
import { REPORT_ATTACHED, ReportAttachedV1 } from './intake/report-attached.event';
import {
  DisposalReportedV1,
  ExtensionRequestedV1,
  ExtensionRequestClosedV1,
  OrderClosedV1,
  OrderDeadlineExtendedV1,
  OrderDeadlineMovedV1,
  OrderReceivedV1,
  OrderReinstatedV1,
  OrderReturnedV1,
  OrderSentBackForReworkV1,
  OrderSignedV1,
} from './disposal/order-events';
import type { PublishingService } from './topics';
import {
  CaseClosedV1,
  VerificationFailedV1,
  VerificationOpenedV1,
  VerificationPassedV1,
} from './verification/verification-events';

export interface CatalogueEntry {
  type: string;
  /** Schema versions a consumer of this build understands, each with its payload class. */
  versions: Record<number, new () => object>;
  source: PublishingService;
  /** False for the few events about no case (caseId null); true when left out. */
  aboutCase?: boolean;
}

/**
 * Every event type Cityloop publishes. A type not listed here is unknown to every consumer and
 * goes to the dead-letter topic; a listed type a consumer does not handle is skipped.
 */
export const EVENT_CATALOGUE: Record<string, CatalogueEntry> = {
  [CASE_REPORTED]: { type: CASE_REPORTED, versions: { 1: CaseReportedV1 }, source: 'intake' },
  [REPORT_ATTACHED]: { type: REPORT_ATTACHED, versions: { 1: ReportAttachedV1 }, source: 'intake' },
  [PATROL_PASS_LOGGED]: {
    type: PATROL_PASS_LOGGED,
    versions: { 1: PatrolPassLoggedV1 },
    source: 'intake',
    aboutCase: false,
  },
  FollowUpRecorded: { type: 'FollowUpRecorded', versions: { 1: FollowUpRecordedV1 }, source: 'intake' },
  CaseReopened: { type: 'CaseReopened', versions: { 1: CaseReopenedV1 }, source: 'intake' },
  [CASE_FILED]: { type: CASE_FILED, versions: { 1: CaseFiledV1 }, source: 'intake' },
  [CASE_REJECTED]: { type: CASE_REJECTED, versions: { 1: CaseRejectedV1 }, source: 'intake' },
  [CASE_DISPATCHED]: { type: CASE_DISPATCHED, versions: { 1: CaseDispatchedV1 }, source: 'dispatch' },
  ReturnApproved: { type: 'ReturnApproved', versions: { 1: ReturnApprovedV1 }, source: 'dispatch' },
  ReturnRejected: { type: 'ReturnRejected', versions: { 1: ReturnRejectedV1 }, source: 'dispatch' },
  ExtensionApproved: { type: 'ExtensionApproved', versions: { 1: ExtensionApprovedV1 }, source: 'dispatch' },
  ExtensionDenied: { type: 'ExtensionDenied', versions: { 1: ExtensionDeniedV1 }, source: 'dispatch' },
  DeadlineReminderRaised: {
    type: 'DeadlineReminderRaised',
    versions: { 1: DeadlineReminderRaisedV1 },
    source: 'dispatch',
  },
  OrderEscalated: { type: 'OrderEscalated', versions: { 1: OrderEscalatedV1 }, source: 'dispatch' },
  CasePostponed: { type: 'CasePostponed', versions: { 1: CasePostponedV1 }, source: 'dispatch' },
  CaseResumed: { type: 'CaseResumed', versions: { 1: CaseResumedV1 }, source: 'dispatch' },
  OrderDeadlineMoved: {
    type: 'OrderDeadlineMoved',
    versions: { 1: OrderDeadlineMovedV1 },
    source: 'disposal',
  },
  OrderReceived: { type: 'OrderReceived', versions: { 1: OrderReceivedV1 }, source: 'disposal' },
  OrderSigned: { type: 'OrderSigned', versions: { 1: OrderSignedV1 }, source: 'disposal' },
  OrderReturned: { type: 'OrderReturned', versions: { 1: OrderReturnedV1 }, source: 'disposal' },
  ExtensionRequested: {
    type: 'ExtensionRequested',
    versions: { 1: ExtensionRequestedV1 },
    source: 'disposal',
  },
  DisposalReported: { type: 'DisposalReported', versions: { 1: DisposalReportedV1 }, source: 'disposal' },
  OrderSentBackForRework: {
    type: 'OrderSentBackForRework',
    versions: { 1: OrderSentBackForReworkV1 },
    source: 'disposal',
  },
  OrderClosed: { type: 'OrderClosed', versions: { 1: OrderClosedV1 }, source: 'disposal' },
  OrderReinstated: { type: 'OrderReinstated', versions: { 1: OrderReinstatedV1 }, source: 'disposal' },
  OrderDeadlineExtended: {
    type: 'OrderDeadlineExtended',
    versions: { 1: OrderDeadlineExtendedV1 },
    source: 'disposal',
  },
  ExtensionRequestClosed: {
    type: 'ExtensionRequestClosed',
    versions: { 1: ExtensionRequestClosedV1 },
    source: 'disposal',
  },
  VerificationOpened: {
    type: 'VerificationOpened',
    versions: { 1: VerificationOpenedV1 },
    source: 'verification',
  },
  VerificationPassed: {
    type: 'VerificationPassed',
    versions: { 1: VerificationPassedV1 },
    source: 'verification',
  },
  VerificationFailed: {
    type: 'VerificationFailed',
    versions: { 1: VerificationFailedV1 },
    source: 'verification',
  },
  CaseClosed: { type: 'CaseClosed', versions: { 1: CaseClosedV1 }, source: 'verification' },
};
