import type { ExtensionRequestedV1, OrderReturnedV1 } from '@cityloop/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface PendingReturn {
  orderId: string;
  caseId: string;
  departmentId: string;
  reason: string;
  note: string | null;
  returnedAt: string;
}

export interface PendingExtension {
  requestId: string;
  orderId: string;
  caseId: string;
  departmentId: string;
  hours: number;
  reason: string;
  requestedAt: string;
}

/** The dispatcher's queues of returns and extension requests awaiting a decision. */
@Injectable()
export class PendingRequests {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async addReturn(manager: EntityManager, caseId: string, r: OrderReturnedV1): Promise<void> {
    await manager.query(
      `INSERT INTO pending_returns (order_id, case_id, department_id, reason, note, returned_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_id) DO NOTHING`,
      [r.orderId, caseId, r.departmentId, r.reason, r.note ?? null, r.returnedAt],
    );
  }

  async addExtension(manager: EntityManager, caseId: string, e: ExtensionRequestedV1): Promise<void> {
    await manager.query(
      `INSERT INTO pending_extensions (request_id, order_id, case_id, department_id, hours, reason, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (request_id) DO NOTHING`,
      [e.requestId, e.orderId, caseId, e.departmentId, e.hours, e.reason, e.requestedAt],
    );
  }

  /**
   * The pending return, or null. A plain read (no FOR UPDATE: a row lock would be the
   * transaction's first write, and the append must be); racing decisions meet at the stream's
   * expected version instead.
   */
  async findReturn(manager: EntityManager, orderId: string): Promise<PendingReturn | null> {
    const [row] = await manager.query<Record<string, unknown>[]>(
      'SELECT * FROM pending_returns WHERE order_id = $1',
      [orderId],
    );
    return row ? toReturn(row) : null;
  }

  async removeReturn(manager: EntityManager, orderId: string): Promise<void> {
    await manager.query('DELETE FROM pending_returns WHERE order_id = $1', [orderId]);
  }

  async findExtension(manager: EntityManager, requestId: string): Promise<PendingExtension | null> {
    const [row] = await manager.query<Record<string, unknown>[]>(
      'SELECT * FROM pending_extensions WHERE request_id = $1',
      [requestId],
    );
    return row ? toExtension(row) : null;
  }

  async removeExtension(manager: EntityManager, requestId: string): Promise<void> {
    await manager.query('DELETE FROM pending_extensions WHERE request_id = $1', [requestId]);
  }

  async returns(): Promise<PendingReturn[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      'SELECT * FROM pending_returns ORDER BY returned_at LIMIT 500',
    );
    return rows.map(toReturn);
  }

  async extensions(): Promise<PendingExtension[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      'SELECT * FROM pending_extensions ORDER BY requested_at LIMIT 500',
    );
    return rows.map(toExtension);
  }
}

const toReturn = (r: Record<string, unknown>): PendingReturn => ({
  orderId: r.order_id as string,
  caseId: r.case_id as string,
  departmentId: r.department_id as string,
  reason: r.reason as string,
  note: r.note as string | null,
  returnedAt: (r.returned_at as Date).toISOString(),
});

const toExtension = (r: Record<string, unknown>): PendingExtension => ({
  requestId: r.request_id as string,
  orderId: r.order_id as string,
  caseId: r.case_id as string,
  departmentId: r.department_id as string,
  hours: r.hours as number,
  reason: r.reason as string,
  requestedAt: (r.requested_at as Date).toISOString(),
});
