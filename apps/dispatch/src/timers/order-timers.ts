import type { CaseDispatchedV1 } from '@cityloop/contracts';
import { addWorkingTime, workingTimeBetween } from '@cityloop/domain';
import { rows, runnerOf } from '@cityloop/event-store';
import { DistrictReference } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DispatchEvent } from '../domain/dispatch.events';

/** The share of the time limit after which the reminder (预警) is raised. */
export const REMINDER_SHARE = 0.8;

export interface DueTimer {
  orderId: string;
  kind: 'reminder' | 'escalation';
  caseId: string;
  dueAt: Date;
  deadlineAt: Date;
}

/** The durable reminder and escalation timers of orders (see the order_timers migration). */
@Injectable()
export class OrderTimers {
  constructor(private readonly district: DistrictReference) {}

  /** Keeps the timers in step with dispatch's own events, in the same transaction. */
  async follow(manager: EntityManager, caseId: string, events: DispatchEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'CaseDispatched') await this.arm(manager, caseId, event.payload);
      if (event.type === 'ExtensionApproved')
        await this.moveDeadline(manager, event.payload.orderId, event.payload.deadlineAt);
      if (event.type === 'CasePostponed') await this.cancel(manager, event.payload.orderId);
      if (event.type === 'CaseResumed') {
        await this.moveDeadline(manager, event.payload.orderId, event.payload.deadlineAt);
        await this.resume(manager, event.payload.orderId);
      }
      if (event.type === 'ReturnApproved') await this.cancel(manager, event.payload.orderId);
    }
  }

  /** The instant at which `share` of the time between start and deadline is used, in the order's kind of time. */
  thresholdAt(start: Date, deadline: Date, unit: string, share: number): Date {
    if (unit === 'calendarHours')
      return new Date(start.getTime() + (deadline.getTime() - start.getTime()) * share);
    const working = workingTimeBetween(start, deadline, this.district.calendar);
    return addWorkingTime(
      start,
      { amount: (working * share) / 3_600_000, unit: 'workingHours' },
      this.district.calendar,
    );
  }

  private async arm(manager: EntityManager, caseId: string, order: CaseDispatchedV1): Promise<void> {
    const start = new Date(order.dispatchedAt);
    const deadline = new Date(order.deadlineAt);
    const reminderAt = this.thresholdAt(start, deadline, order.timeLimitUnit, REMINDER_SHARE);
    await manager.query(
      `INSERT INTO order_timers (order_id, kind, case_id, due_at, started_at, time_unit, deadline_at)
       VALUES ($1, 'reminder', $2, $3, $5, $6, $4), ($1, 'escalation', $2, $4, $5, $6, $4)
       ON CONFLICT (order_id, kind) DO NOTHING`,
      [order.orderId, caseId, reminderAt, deadline, start, order.timeLimitUnit],
    );
  }

  /** An approved extension, or a resumption after postponement, moves the timers not yet fired. */
  private async moveDeadline(manager: EntityManager, orderId: string, deadlineAt: string): Promise<void> {
    const [order] = await manager.query<{ started_at: Date; time_unit: string }[]>(
      `SELECT started_at, time_unit FROM order_timers WHERE order_id = $1 AND kind = 'escalation'`,
      [orderId],
    );
    if (!order) return;
    const deadline = new Date(deadlineAt);
    const reminderAt = this.thresholdAt(order.started_at, deadline, order.time_unit, REMINDER_SHARE);
    await manager.query(
      `UPDATE order_timers SET deadline_at = $2::timestamptz, claimed_until = NULL,
              due_at = CASE kind WHEN 'escalation' THEN $2::timestamptz ELSE $3::timestamptz END
        WHERE order_id = $1 AND fired_at IS NULL`,
      [orderId, deadline, reminderAt],
    );
  }

  /** The department's part is done (disposal reported) or the order ended (return approved). */
  async cancel(manager: EntityManager, orderId: string): Promise<void> {
    await manager.query(
      'UPDATE order_timers SET cancelled_at = now() WHERE order_id = $1 AND fired_at IS NULL',
      [orderId],
    );
  }

  /** Rework (返工): the order's clock runs again. */
  async resume(manager: EntityManager, orderId: string): Promise<void> {
    await manager.query(
      'UPDATE order_timers SET cancelled_at = NULL WHERE order_id = $1 AND fired_at IS NULL',
      [orderId],
    );
  }

  /** Claims up to `limit` due timers for `claimSeconds` (SKIP LOCKED: instances never claim the same row). */
  async claimDue(manager: EntityManager, now: Date, limit: number, claimSeconds = 30): Promise<DueTimer[]> {
    // UPDATE ... RETURNING: the structured result (TypeORM's plain query() gives [rows, count] here).
    const found = await rows<{
      order_id: string;
      kind: 'reminder' | 'escalation';
      case_id: string;
      due_at: Date;
      deadline_at: Date;
    }>(
      runnerOf(manager),
      `UPDATE order_timers t SET claimed_until = $1::timestamptz + make_interval(secs => $3)
         FROM (SELECT order_id, kind FROM order_timers
                WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= $1
                  AND (claimed_until IS NULL OR claimed_until < $1)
                ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED) due
        WHERE t.order_id = due.order_id AND t.kind = due.kind
        RETURNING t.order_id, t.kind, t.case_id, t.due_at, t.deadline_at`,
      [now, limit, claimSeconds],
    );
    return found.map((r) => ({
      orderId: r.order_id,
      kind: r.kind,
      caseId: r.case_id,
      dueAt: r.due_at,
      deadlineAt: r.deadline_at,
    }));
  }

  async markFired(manager: EntityManager, timer: DueTimer): Promise<void> {
    await manager.query('UPDATE order_timers SET fired_at = now() WHERE order_id = $1 AND kind = $2', [
      timer.orderId,
      timer.kind,
    ]);
  }
}
