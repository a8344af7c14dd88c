import { waitFor } from '@cityloop/testing';
import type { TestStack } from './service-processes';

export interface CaseView {
  status: string;
  departmentId?: string;
  deadlineAt?: string;
  timeline: { type: string; occurredAt: string; service: string }[];
}

export interface OrderView {
  orderId: string;
  caseId: string;
  departmentId: string;
  status: string;
  light: string;
  deadlineAt: string;
  pendingExtension?: boolean;
  brief?: CaseBrief;
}

/** What the case is about, as disposal and verification tell their people (libs/service-kit case-briefs). */
export interface CaseBrief {
  categoryCode: string;
  description: string;
  addressText: string | null;
  location: { lat: number; lng: number };
  reportedAt: string;
}

export interface CheckView {
  verificationId: string;
  caseId: string;
  gridCellCode: string;
  departmentId?: string | null;
  disposalNotes?: string | null;
  evidenceIds?: string[];
  brief?: CaseBrief;
}

/** What the people around the loop see of a case, as the end-to-end tests look at it. */
export function loopViews(stack: TestStack) {
  const caseView = (caseId: string) => stack.service('projections').get<CaseView>(`/api/v1/cases/${caseId}`);

  const whenStatus = (caseId: string, status: string) =>
    waitFor(
      () => caseView(caseId),
      (r) => r.body.status === status,
      { what: `case ${caseId} ${status}` },
    );

  /** The department's (first listed: open before closed) order of the case, once it is in the inbox. */
  async function orderOf(caseId: string, department: Record<string, string>): Promise<OrderView> {
    const { body } = await waitFor(
      () => stack.service('disposal').get<{ items: OrderView[] }>('/api/v1/orders', department),
      (r) => r.body.items.some((o) => o.caseId === caseId),
      { what: `the order of case ${caseId} in the inbox` },
    );
    return body.items.find((o) => o.caseId === caseId)!;
  }

  /** The case's open on-site check, as the patroller sees it. */
  async function openCheckOf(caseId: string, patroller: Record<string, string>): Promise<CheckView> {
    const { body } = await waitFor(
      () => stack.service('verification').get<{ items: CheckView[] }>('/api/v1/verifications', patroller),
      (r) => r.body.items.some((c) => c.caseId === caseId),
      { what: `an open check for case ${caseId}` },
    );
    return body.items.find((c) => c.caseId === caseId)!;
  }

  return { caseView, whenStatus, orderOf, openCheckOf };
}
