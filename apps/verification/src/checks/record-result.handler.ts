import { actorOf, DistrictReference } from '@cityloop/service-kit';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { decide } from '../domain/verification.decide';
import { VerificationNotFoundError } from '../domain/verification.errors';
import { OpenChecks } from './open-checks';
import { RecordResultCommand, type ResultRecorded } from './record-result.command';
import { VerificationStream } from './verification-stream';

@CommandHandler(RecordResultCommand)
export class RecordResultHandler implements ICommandHandler<RecordResultCommand, ResultRecorded> {
  constructor(
    private readonly stream: VerificationStream,
    private readonly checks: OpenChecks,
    private readonly district: DistrictReference,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async execute(command: RecordResultCommand): Promise<ResultRecorded> {
    const { verificationId, caller } = command;
    const row = await this.checks.find(verificationId);
    // A check outside the patroller's cells is "not found" to it.
    const inScope = caller.role !== 'patroller' || row?.gridCellCode.startsWith(caller.cellPrefix ?? '');
    if (!row || !inScope) throw new VerificationNotFoundError(verificationId);

    return this.dataSource.transaction(async (manager) => {
      const { state, version } = await this.stream.load(verificationId, manager);
      const events = decide(
        {
          kind: 'RecordResult',
          verificationId,
          passed: command.passed,
          at: command.occurredAt,
          notes: command.notes,
          evidenceIds: command.evidenceIds,
          signOffRequired: this.district.closureNeedsChiefSignOff,
        },
        state,
      );
      await this.stream.append(
        verificationId,
        row.caseId,
        events,
        version,
        { ...command, actor: actorOf(caller) },
        manager,
      );
      const status = command.passed
        ? events.some((e) => e.type === 'CaseClosed')
          ? 'closed'
          : 'passed'
        : 'failed';
      await this.checks.save(manager, { ...row, status });
      return { verificationId, caseId: row.caseId, status };
    });
  }
}
