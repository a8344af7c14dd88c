import { SYSTEM_ACTOR } from '@cityloop/contracts';
import { deterministicUuid } from '@cityloop/event-store';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DispatchStream } from '../cases/dispatch-stream';
import { decide } from '../domain/dispatch.decide';
import { OrderTimers, type DueTimer } from './order-timers';

const POLL_MS = Number(process.env.TIMER_POLL_MS ?? 1000);

/**
 * Fires due order timers: claims them in one short transaction (SKIP LOCKED), then raises each in
 * its own transaction, whose first write is the event append and whose business time is the
 * threshold itself. Event ids derive from the timer, so a claim that expired after a crash and is
 * fired again by another instance appends nothing twice.
 */
@Injectable()
export class TimerWatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TimerWatcher.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly timers: OrderTimers,
    private readonly stream: DispatchStream,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error(`timer watcher: ${(error as Error).message}`))
        .finally(() => this.schedule());
    }, POLL_MS);
  }

  /** Fires what is due now; returns how many timers it handled. */
  async tick(now: Date = new Date()): Promise<number> {
    const due = await this.dataSource.transaction((manager) => this.timers.claimDue(manager, now, 100));
    for (const timer of due) await this.fire(timer);
    return due.length;
  }

  private async fire(timer: DueTimer): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { state, version } = await this.stream.load(timer.caseId, manager);
      const events = decide(
        {
          kind: 'RaiseTimer',
          timer: timer.kind,
          orderId: timer.orderId,
          dueAt: timer.dueAt,
          deadlineAt: timer.deadlineAt,
        },
        state,
      );
      if (events.length > 0) {
        const key = `timer:${timer.orderId}:${timer.kind}:${timer.dueAt.toISOString()}`;
        await this.stream.append(
          timer.caseId,
          events,
          version,
          {
            actor: SYSTEM_ACTOR,
            correlationId: randomUUID(),
            occurredAt: timer.dueAt,
            idFor: (i) => deterministicUuid(`${key}:${i}`),
          },
          manager,
        );
      }
      await this.timers.markFired(manager, timer);
    });
  }
}
