import { DistrictReference, demoPackPath } from '@cityloop/service-kit';
import { openTestSchema, type TestSchema } from '@cityloop/testing';
import { randomUUID } from 'node:crypto';
import type { DispatchEvent } from '../domain/dispatch.events';
import { dispatchMigrations } from '../migrations';
import { OrderTimers } from './order-timers';

const SCHEMA = 'dispatch';
let schema: TestSchema;
let timers: OrderTimers;

beforeAll(async () => {
  schema = await openTestSchema('timers', SCHEMA, dispatchMigrations(SCHEMA), 6);
  timers = new OrderTimers(DistrictReference.load(demoPackPath()));
});

afterAll(async () => {
  await schema?.close();
});

/** A safety order (calendar hours): reminder at 4.8 h, escalation at 6 h. */
function dispatched(orderId: string, at: Date): DispatchEvent {
  return {
    type: 'CaseDispatched',
    schemaVersion: 1,
    payload: {
      orderId,
      departmentId: 'water',
      gridCellCode: '310199001001001',
      streetId: '310199001',
      categoryCode: '0101',
      dispatchedAt: at.toISOString(),
      deadlineAt: new Date(at.getTime() + 6 * 3_600_000).toISOString(),
      timeLimitAmount: 6,
      timeLimitUnit: 'calendarHours',
      automatic: true,
    },
  };
}

const arm = (orderId: string, at: Date) =>
  schema.dataSource.transaction(async (m) => {
    await timers.follow(m, randomUUID(), [dispatched(orderId, at)]);
  });

const claim = (now: Date) =>
  schema.dataSource.transaction(async (m) => {
    return timers.claimDue(m, now, 100);
  });

describe('order timers (durable, claimed with SKIP LOCKED)', () => {
  it('are due at 80 % of the limit and at the deadline, and not before', async () => {
    const start = new Date('2026-03-02T00:00:00Z');
    const orderId = randomUUID();
    await arm(orderId, start);
    expect(await claim(new Date('2026-03-02T04:47:00Z'))).toEqual([]);
    const reminder = await claim(new Date('2026-03-02T04:48:00Z'));
    expect(reminder.map((t) => [t.orderId, t.kind, t.dueAt.toISOString()])).toEqual([
      [orderId, 'reminder', '2026-03-02T04:48:00.000Z'],
    ]);
  });

  it('never hand the same timer to two claimers at once', async () => {
    const start = new Date('2026-03-01T00:00:00Z');
    const orders: string[] = Array.from({ length: 20 }, () => randomUUID());
    for (const orderId of orders) await arm(orderId, start);
    const now = new Date('2026-03-01T07:00:00Z'); // both timers of every order are due
    const claims = await Promise.all([claim(now), claim(now), claim(now)]);
    const claimed = claims
      .flat()
      .filter((t) => orders.includes(t.orderId))
      .map((t) => `${t.orderId}:${t.kind}`);
    expect(claimed).toHaveLength(40);
    expect(new Set(claimed).size).toBe(40);
    // Claimed timers are not handed out again while their claim holds.
    expect((await claim(now)).filter((t) => orders.includes(t.orderId))).toEqual([]);
  });

  it('stop when cancelled (a disposal report) and move with an extension', async () => {
    const start = new Date('2026-02-01T00:00:00Z');
    const cancelled: string = randomUUID();
    const extended: string = randomUUID();
    await arm(cancelled, start);
    await arm(extended, start);
    await schema.dataSource.transaction(async (m) => {
      await timers.cancel(m, cancelled);
      await timers.follow(m, randomUUID(), [
        {
          type: 'ExtensionApproved',
          schemaVersion: 1,
          payload: {
            orderId: extended,
            requestId: randomUUID(),
            departmentId: 'water',
            decidedAt: start.toISOString(),
            deadlineAt: '2026-02-01T16:00:00.000Z',
          },
        },
      ]);
    });
    const due = (await claim(new Date('2026-02-01T07:00:00Z'))).filter((t) =>
      [cancelled, extended].includes(t.orderId),
    );
    expect(due).toEqual([]);
    const later = (await claim(new Date('2026-02-01T16:00:00Z'))).filter((t) =>
      [cancelled, extended].includes(t.orderId),
    );
    // Extended to 16 h: the reminder moves to 80 % of 16 h = 12.8 h, the escalation to 16 h.
    expect(later.map((t) => [t.kind, t.dueAt.toISOString()]).sort()).toEqual([
      ['escalation', '2026-02-01T16:00:00.000Z'],
      ['reminder', '2026-02-01T12:48:00.000Z'],
    ]);
  });
});
