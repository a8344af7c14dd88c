import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CaseStream } from '../cases/case-stream';
import { decide } from '../domain/case.decide';
import { OpenCases } from '../duplicates/open-cases';
import { FollowUpQueue } from './follow-up-queue';
import { RecordFollowUpCommand, type FollowUpDone } from './record-follow-up.command';

@CommandHandler(RecordFollowUpCommand)
export class RecordFollowUpHandler implements ICommandHandler<RecordFollowUpCommand, FollowUpDone> {
  constructor(
    private readonly cases: CaseStream,
    private readonly queue: FollowUpQueue,
    private readonly openCases: OpenCases,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async execute(command: RecordFollowUpCommand): Promise<FollowUpDone> {
    const { caseId } = command;
    const { state, version } = await this.cases.load(caseId);
    const events = decide(
      {
        kind: 'RecordFollowUp',
        caseId,
        due: await this.queue.isDue(caseId),
        satisfaction: command.satisfaction,
        notes: command.notes,
        recordedAt: command.occurredAt,
      },
      state,
    );
    const reopened = events.some((e) => e.type === 'CaseReopened');
    await this.dataSource.transaction(async (manager) => {
      await this.cases.append(caseId, events, version, command, manager);
      await this.queue.remove(manager, caseId);
      // A reopened case is open again: a new report of the same problem joins it.
      if (reopened && state.status !== 'none')
        await this.openCases.open(manager, [{ caseId, report: state.report }]);
    });
    return { caseId, satisfaction: command.satisfaction, reopened };
  }
}
