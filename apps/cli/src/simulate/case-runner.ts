import type { Step } from './case-fate';
import type { CasePlan } from './district-plan';
import { replay, type Pace } from './pace';
import { pollUntil, ServiceCallError, type ServicesClient } from './services-client';

interface OrderView {
  orderId: string;
  caseId: string;
  departmentId: string;
  status: string;
}

interface CheckView {
  verificationId: string;
  caseId: string;
  status: string;
}

/** What the runner knows of a case while it carries it through the loop. */
interface CaseState {
  caseId: string;
  /** The current order, once known (a re-dispatch names it before the inbox has it). */
  orderId?: string;
  /** Whether the department's inbox has the current order. */
  orderInInbox: boolean;
  /** Orders that are done with: returned, or closed before a reopening. */
  spentOrders: Set<string>;
  /** A failed check sent the order back: the next disposal waits for the inbox to say rework. */
  reworkDue: boolean;
  checkId?: string;
  spentChecks: Set<string>;
}

export interface CaseRunnerOptions {
  /** How long to wait for an asynchronous effect (an order in the inbox, a check opened...). */
  waitTimeoutMs: number;
  /** When each step is taken and with what business time (pace.ts); default: replay. */
  pace?: Pace;
}

const iso = (at: Date) => at.toISOString();

/**
 * Carries one planned case through the real services' APIs as the importer, step by step at the
 * steps' business times. Where a step depends on another service having heard of the previous one
 * (over Kafka), it polls for it: the order in disposal's inbox, the return or extension in the
 * dispatcher's queue, the on-site check, the follow-up falling due.
 */
export class CaseRunner {
  constructor(
    private readonly client: ServicesClient,
    private readonly options: CaseRunnerOptions,
    /** Called after every step taken, with a label for the tally (e.g. "verify:failed"). */
    private readonly onStep: (label: string) => void = () => undefined,
  ) {}

  private get pace(): Pace {
    return this.options.pace ?? replay;
  }

  /** Runs the case's steps in order; returns its case id. Throws on anything unexpected. */
  async run(plan: CasePlan): Promise<string> {
    const state: CaseState = {
      caseId: '',
      orderInInbox: false,
      spentOrders: new Set(),
      reworkDue: false,
      spentChecks: new Set(),
    };
    for (const step of plan.steps) {
      await this.pace.until(step.at);
      await this.take(plan, step, state);
      this.onStep(labelOf(step));
    }
    return state.caseId;
  }

  private async take(plan: CasePlan, step: Step, c: CaseState): Promise<void> {
    const occurredAt = this.pace.stamp(step.at);
    switch (step.kind) {
      case 'report': {
        const answer = await this.client.expect<{ caseId: string; duplicate: boolean }>(
          'intake',
          'POST',
          '/api/v1/reports',
          {
            idempotencyKey: plan.key,
            body: {
              source: plan.source,
              categoryCode: plan.categoryCode,
              location: plan.location,
              addressText: plan.addressText,
              description: plan.description,
              urgency: plan.urgency,
              ...(plan.onsetAt && { onsetAt: iso(this.pace.instant(plan.onsetAt)) }),
              ...(plan.reporter && { reporter: plan.reporter }),
              occurredAt,
              mergeDuplicates: false,
            },
          },
        );
        if (answer.duplicate) throw new Error(`report ${plan.key} was attached to case ${answer.caseId}`);
        c.caseId = answer.caseId;
        return;
      }
      case 'file':
      case 'reject':
        await this.client.expect('intake', 'POST', `/api/v1/cases/${c.caseId}/filing`, {
          body:
            step.kind === 'file'
              ? { decision: 'file', occurredAt }
              : { decision: 'reject', reason: step.reason, occurredAt },
        });
        return;
      case 'return': {
        const orderId = await this.currentOrder(c);
        await this.client.expect('disposal', 'POST', `/api/v1/orders/${orderId}/return`, {
          body: { reason: 'wrong-area', note: step.note, occurredAt },
        });
        return;
      }
      case 'approveReturn': {
        const orderId = c.orderId!;
        const decided = await this.until(`the return of order ${orderId} at the dispatcher`, async () => {
          const answer = await this.client.send<{ newOrderId?: string; code?: string }>(
            'dispatch',
            'POST',
            `/api/v1/returns/${orderId}/decision`,
            { body: { approve: true, departmentId: step.departmentId, occurredAt } },
          );
          if (answer.status === 404 && answer.body.code === 'RETURN.NOT_FOUND') return undefined;
          return this.ok(answer, `POST dispatch /returns/${orderId}/decision`);
        });
        c.spentOrders.add(orderId);
        c.orderId = decided.newOrderId;
        c.orderInInbox = false;
        return;
      }
      case 'sign': {
        const orderId = await this.currentOrder(c);
        await this.client.expect('disposal', 'POST', `/api/v1/orders/${orderId}/sign`, {
          body: { occurredAt },
        });
        return;
      }
      case 'postpone':
        await this.client.expect('dispatch', 'POST', `/api/v1/cases/${c.caseId}/postponement`, {
          body: { reason: step.reason, occurredAt },
        });
        return;
      case 'resume':
        await this.client.expect('dispatch', 'POST', `/api/v1/cases/${c.caseId}/resumption`, {
          body: { occurredAt },
        });
        return;
      case 'requestExtension': {
        const orderId = await this.currentOrder(c);
        await this.client.expect('disposal', 'POST', `/api/v1/orders/${orderId}/extension-requests`, {
          body: { hours: step.hours, reason: step.reason, occurredAt },
        });
        return;
      }
      case 'decideExtension': {
        const orderId = c.orderId!;
        const requestId = await this.until(`the extension request of order ${orderId}`, async () => {
          const queue = await this.client.expect<{ items: { requestId: string; orderId: string }[] }>(
            'dispatch',
            'GET',
            '/api/v1/extensions',
            { as: 'dispatcher' },
          );
          return queue.items.find((x) => x.orderId === orderId)?.requestId;
        });
        await this.client.expect('dispatch', 'POST', `/api/v1/extensions/${requestId}/decision`, {
          body: { approve: step.approve, ...(step.reason && { reason: step.reason }), occurredAt },
        });
        return;
      }
      case 'dispose': {
        const orderId = await this.currentOrder(c);
        if (c.reworkDue) {
          await this.until(`order ${orderId} back for rework`, async () =>
            (await this.ordersOf(c.caseId)).find((o) => o.orderId === orderId && o.status === 'rework'),
          );
          c.reworkDue = false;
        }
        await this.client.expect('disposal', 'POST', `/api/v1/orders/${orderId}/disposal`, {
          body: { notes: step.notes, occurredAt },
        });
        return;
      }
      case 'verify': {
        const check = await this.until(`an open check of case ${c.caseId}`, async () => {
          const open = await this.client.expect<{ items: CheckView[] }>(
            'verification',
            'GET',
            `/api/v1/verifications?caseId=${c.caseId}`,
          );
          return open.items.find((x) => x.caseId === c.caseId && !c.spentChecks.has(x.verificationId));
        });
        await this.client.expect(
          'verification',
          'POST',
          `/api/v1/verifications/${check.verificationId}/result`,
          {
            body: { passed: step.passed, ...(step.notes && { notes: step.notes }), occurredAt },
          },
        );
        c.spentChecks.add(check.verificationId);
        c.checkId = check.verificationId;
        if (!step.passed) c.reworkDue = true;
        return;
      }
      case 'signOff':
        await this.client.expect('verification', 'POST', `/api/v1/verifications/${c.checkId}/sign-off`, {
          body: { approve: true, occurredAt },
        });
        return;
      case 'followUp': {
        const done = await this.until(`case ${c.caseId} awaiting its follow-up`, async () => {
          const answer = await this.client.send<{ reopened?: boolean; code?: string }>(
            'intake',
            'POST',
            `/api/v1/follow-ups/${c.caseId}`,
            { body: { satisfaction: step.satisfaction, occurredAt }, retryConflicts: false },
          );
          // Intake learns of the closure over Kafka: until then the follow-up is not due.
          if (answer.status === 409 && answer.body.code === 'FOLLOW_UP.NOT_DUE') return undefined;
          return this.ok(answer, `POST intake /follow-ups/${c.caseId}`);
        });
        if (done.reopened) {
          // 重办: dispatch sends it again to the department that had it: a new order.
          if (c.orderId) c.spentOrders.add(c.orderId);
          c.orderId = undefined;
          c.orderInInbox = false;
        }
        return;
      }
    }
  }

  /** The case's current order, once disposal's inbox has it (dispatch tells disposal over Kafka). */
  private async currentOrder(c: CaseState): Promise<string> {
    if (c.orderId && c.orderInInbox) return c.orderId;
    const order = await this.until(`an order of case ${c.caseId} in the inbox`, async () => {
      const orders = await this.ordersOf(c.caseId);
      return c.orderId
        ? orders.find((o) => o.orderId === c.orderId)
        : orders.find((o) => o.status === 'dispatched' && !c.spentOrders.has(o.orderId));
    });
    c.orderId = order.orderId;
    c.orderInInbox = true;
    return order.orderId;
  }

  private async ordersOf(caseId: string): Promise<OrderView[]> {
    const { items } = await this.client.expect<{ items: OrderView[] }>(
      'disposal',
      'GET',
      `/api/v1/orders?caseId=${caseId}`,
    );
    return items;
  }

  private ok<T>(answer: { status: number; body: T }, call: string): T {
    if (answer.status >= 200 && answer.status < 300) return answer.body;
    throw new ServiceCallError(call, answer.status, answer.body);
  }

  private until<T>(what: string, attempt: () => Promise<T | undefined>): Promise<T> {
    return pollUntil(what, attempt, this.options.waitTimeoutMs);
  }
}

/** The tally's label of a step taken: its kind, with the verdict where there is one. */
export function labelOf(step: Step): string {
  if (step.kind === 'verify') return step.passed ? 'verify:passed' : 'verify:failed';
  if (step.kind === 'decideExtension') return step.approve ? 'extension:approved' : 'extension:denied';
  if (step.kind === 'followUp') return `followUp:${step.satisfaction}`;
  return step.kind;
}
