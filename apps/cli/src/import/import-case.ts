import { ArrivalWait } from '../simulate/arrival-wait';
import { ServiceCallError, type ServicesClient } from '../simulate/services-client';
import type { ImportCase } from './import-row';

interface OrderView {
  orderId: string;
  status: string;
}

interface CheckView {
  verificationId: string;
  status: string;
}

/**
 * Brings one record's case to the state the export gives it, through the services' importer path
 * with the record's own times: reported (and filed) when created, to the department the source
 * named; for a closed record, signed when created, disposed of and verified when closed. Each step
 * looks at where the case is first, so carrying a record again (after a crash) repeats nothing:
 * the report is idempotent by its key, filing twice is a 409 taken as done, and the order and the
 * check are acted on only in the state that step expects.
 */
export class ImportCaseRunner {
  private readonly orderArrival: ArrivalWait;
  private readonly checkArrival: ArrivalWait;

  constructor(
    private readonly client: ServicesClient,
    private readonly source: string,
    waitTimeoutMs: number,
  ) {
    this.orderArrival = new ArrivalWait(waitTimeoutMs);
    this.checkArrival = new ArrivalWait(waitTimeoutMs);
  }

  /** The case id, once the case is where the export says it is. */
  async carry(record: ImportCase): Promise<string> {
    const created = record.createdAt.toISOString();
    const { caseId } = await this.client.expect<{ caseId: string }>('intake', 'POST', '/api/v1/reports', {
      idempotencyKey: `import:${this.source}:${record.externalId}`,
      body: {
        source: 'import',
        categoryCode: record.categoryCode,
        location: record.location,
        description: record.description,
        occurredAt: created,
        mergeDuplicates: false,
      },
    });
    const filing =
      record.outcome === 'rejected'
        ? { decision: 'reject', reason: `${this.source}: ${record.externalId}`, occurredAt: created }
        : {
            decision: 'file',
            occurredAt: created,
            ...(record.departmentId && { departmentId: record.departmentId }),
          };
    const decided = await this.client.send<{ code?: string }>(
      'intake',
      'POST',
      `/api/v1/cases/${caseId}/filing`,
      {
        body: filing,
        retryConflicts: false,
      },
    );
    // Filed or rejected already (a record carried again after a crash): done, not a failure.
    const decidedBefore = decided.status === 409 && decided.body.code === 'CASE.NOT_AWAITING_FILING';
    if (decided.status >= 400 && !decidedBefore) this.fail(decided, 'filing');
    if (record.outcome !== 'closed') return caseId;

    const closed = record.closedAt!.toISOString();
    let order = await this.order(caseId);
    if (order.status === 'dispatched') {
      await this.client.expect('disposal', 'POST', `/api/v1/orders/${order.orderId}/sign`, {
        body: { occurredAt: created },
      });
      order = { ...order, status: 'signed' };
    }
    if (order.status === 'signed') {
      await this.client.expect('disposal', 'POST', `/api/v1/orders/${order.orderId}/disposal`, {
        body: { notes: `${this.source} ${record.externalId}: closed`, occurredAt: closed },
      });
      order = { ...order, status: 'disposed' };
    }
    if (order.status === 'disposed') {
      // The check that is not failed: open, or already passed when the record is carried again
      // after a crash (disposal may not have heard of the closure yet, so the order still reads
      // disposed). Only an open one is acted on.
      const check = await this.checkArrival.until(`the on-site check of case ${caseId}`, async () => {
        const { items } = await this.client.expect<{ items: CheckView[] }>(
          'verification',
          'GET',
          `/api/v1/verifications?caseId=${caseId}`,
        );
        return items.find((c) => c.status !== 'failed');
      });
      if (check.status !== 'open') return caseId;
      await this.client.expect(
        'verification',
        'POST',
        `/api/v1/verifications/${check.verificationId}/result`,
        {
          body: { passed: true, notes: `${this.source}: closed`, occurredAt: closed },
        },
      );
    }
    return caseId;
  }

  /** The case's order once disposal has it (dispatch tells disposal over Kafka). */
  private order(caseId: string): Promise<OrderView> {
    return this.orderArrival.until(
      `the order of case ${caseId}`,
      async () =>
        (
          await this.client.expect<{ items: OrderView[] }>(
            'disposal',
            'GET',
            `/api/v1/orders?caseId=${caseId}`,
          )
        ).items[0],
    );
  }

  private fail(answer: { status: number; body: unknown }, step: string): never {
    throw new ServiceCallError(`import ${step}`, answer.status, answer.body);
  }
}
