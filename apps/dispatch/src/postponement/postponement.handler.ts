import { addWorkingTime, workingTimeBetween } from '@cityloop/domain';
import { DistrictReference } from '@cityloop/service-kit';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DispatchStream } from '../cases/dispatch-stream';
import { decide } from '../domain/dispatch.decide';
import type { DispatchState } from '../domain/dispatch.state';
import { ChangePostponementCommand, type PostponementChanged } from './postponement.command';

@CommandHandler(ChangePostponementCommand)
export class ChangePostponementHandler implements ICommandHandler<
  ChangePostponementCommand,
  PostponementChanged
> {
  constructor(
    private readonly stream: DispatchStream,
    private readonly district: DistrictReference,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  execute(command: ChangePostponementCommand): Promise<PostponementChanged> {
    const { caseId, occurredAt: at } = command;
    return this.dataSource.transaction(async (manager) => {
      const { state, version } = await this.stream.load(caseId, manager);
      const events = decide(
        command.postpone
          ? { kind: 'PostponeCase', caseId, reason: command.reason ?? '', at }
          : { kind: 'ResumeCase', caseId, at, deadlineAt: this.resumedDeadline(state, at) },
        state,
      );
      await this.stream.append(caseId, events, version, command, manager);
      const resumed = events.find((e) => e.type === 'CaseResumed')?.payload;
      return { caseId, postponed: command.postpone, ...(resumed && { deadlineAt: resumed.deadlineAt }) };
    });
  }

  /**
   * The time the order had left when it was postponed, counted again from the resumption, in the
   * order's own kind of time: a postponement neither costs the department time nor gives it any.
   */
  private resumedDeadline(state: DispatchState, resumedAt: Date): Date {
    if (state.status !== 'dispatched' || !state.postponedAt) return resumedAt; // decide refuses it
    const postponedAt = new Date(state.postponedAt);
    const deadline = new Date(state.deadlineAt);
    if (state.timeLimitUnit === 'calendarHours') {
      return new Date(resumedAt.getTime() + Math.max(0, deadline.getTime() - postponedAt.getTime()));
    }
    const left = workingTimeBetween(postponedAt, deadline, this.district.calendar);
    return addWorkingTime(
      resumedAt,
      { amount: left / 3_600_000, unit: 'workingHours' },
      this.district.calendar,
    );
  }
}
