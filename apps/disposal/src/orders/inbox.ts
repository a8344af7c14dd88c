import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { OrderEvent } from '../domain/order.events';
import type { OrderState } from '../domain/order.state';

export interface InboxRow {
  orderId: string;
  caseId: string;
  departmentId: string;
  status: string;
  dispatchedAt: Date;
  deadlineAt: Date;
  timeLimitUnit: string;
  gridCellCode: string;
  categoryCode: string;
  /** An extension request awaits the dispatcher's decision (one at a time). */
  pendingExtension: boolean;
  clockStoppedAt: Date | null;
}

/**
 * The departments' inbox (待办): one row per order, rewritten in the same transaction as each of
 * the order's events, so a department's list never disagrees with the store.
 */
@Injectable()
export class Inbox {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async save(manager: EntityManager, caseId: string, state: OrderState, events: OrderEvent[]): Promise<void> {
    if (state.status === 'none' || events.length === 0) return;
    const o = state.order;
    // The traffic light's clock stops when the department's part is done (reported, returned,
    // closed) and runs again on rework; business time, from the event that stopped it.
    const last = events[events.length - 1].payload as unknown as Record<string, string>;
    const stoppedAt = ['disposed', 'returned', 'closed'].includes(state.status)
      ? (last.reportedAt ?? last.returnedAt ?? last.closedAt ?? null)
      : null;
    await manager.query(
      `INSERT INTO orders (order_id, case_id, department_id, status, dispatched_at, deadline_at, time_limit_unit,
                           grid_cell_code, category_code, pending_extension, clock_stopped_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
       ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, deadline_at = EXCLUDED.deadline_at,
         pending_extension = EXCLUDED.pending_extension,
         clock_stopped_at = CASE WHEN EXCLUDED.status = 'closed' THEN orders.clock_stopped_at ELSE EXCLUDED.clock_stopped_at END,
         updated_at = now()`,
      [
        o.orderId,
        caseId,
        o.departmentId,
        state.status,
        o.dispatchedAt,
        o.deadlineAt,
        o.timeLimitUnit,
        o.gridCellCode,
        o.categoryCode,
        state.pendingExtension,
        stoppedAt,
      ],
    );
  }

  async find(orderId: string): Promise<InboxRow | null> {
    const [row] = await this.dataSource.query<RawRow[]>(`SELECT * FROM orders WHERE order_id = $1`, [
      orderId,
    ]);
    return row ? toRow(row) : null;
  }

  /**
   * A department's orders (all departments' for null), open ones first, the nearest deadline first;
   * with a case id, only that case's.
   */
  async list(departmentId: string | null, limit: number, caseId?: string): Promise<InboxRow[]> {
    const rows = await this.dataSource.query<RawRow[]>(
      `SELECT * FROM orders WHERE ($1::text IS NULL OR department_id = $1) AND ($3::uuid IS NULL OR case_id = $3)
        ORDER BY (status IN ('closed', 'returned')), deadline_at, order_id LIMIT $2`,
      [departmentId, limit, caseId ?? null],
    );
    return rows.map(toRow);
  }
}

interface RawRow {
  order_id: string;
  case_id: string;
  department_id: string;
  status: string;
  dispatched_at: Date;
  deadline_at: Date;
  time_limit_unit: string;
  grid_cell_code: string;
  category_code: string;
  pending_extension: boolean;
  clock_stopped_at: Date | null;
}

const toRow = (r: RawRow): InboxRow => ({
  orderId: r.order_id,
  caseId: r.case_id,
  departmentId: r.department_id,
  status: r.status,
  dispatchedAt: r.dispatched_at,
  deadlineAt: r.deadline_at,
  timeLimitUnit: r.time_limit_unit,
  gridCellCode: r.grid_cell_code,
  categoryCode: r.category_code,
  pendingExtension: r.pending_extension,
  clockStoppedAt: r.clock_stopped_at,
});
