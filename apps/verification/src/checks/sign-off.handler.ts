import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { decide } from '../domain/verification.decide';
import { VerificationNotFoundError } from '../domain/verification.errors';
import { OpenChecks } from './open-checks';
import type { ResultRecorded } from './record-result.command';
import { SignOffCommand } from './sign-off.command';
import { VerificationStream } from './verification-stream';

@CommandHandler(SignOffCommand)
export class SignOffHandler implements ICommandHandler<SignOffCommand, ResultRecorded> {
  constructor(
    private readonly stream: VerificationStream,
    private readonly checks: OpenChecks,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async execute(command: SignOffCommand): Promise<ResultRecorded> {
    const { verificationId } = command;
    const row = await this.checks.find(verificationId);
    if (!row) throw new VerificationNotFoundError(verificationId);
    return this.dataSource.transaction(async (manager) => {
      const { state, version } = await this.stream.load(verificationId, manager);
      const events = decide(
        {
          kind: 'SignOff',
          verificationId,
          approve: command.approve,
          at: command.occurredAt,
          reason: command.reason,
        },
        state,
      );
      await this.stream.append(verificationId, row.caseId, events, version, command, manager);
      const status = command.approve ? 'closed' : 'failed';
      await this.checks.save(manager, { ...row, status });
      return { verificationId, caseId: row.caseId, status };
    });
  }
}
