import { DomainError } from '@cityloop/domain';
import { DistrictReference } from '@cityloop/service-kit';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CaseStream } from '../cases/case-stream';
import { decide } from '../domain/case.decide';
import { DecideFilingCommand, type FilingDecided } from './decide-filing.command';
import { OpenCases } from '../duplicates/open-cases';
import { FilingQueue } from './filing-queue';

@CommandHandler(DecideFilingCommand)
export class DecideFilingHandler implements ICommandHandler<DecideFilingCommand, FilingDecided> {
  constructor(
    private readonly cases: CaseStream,
    private readonly filingQueue: FilingQueue,
    private readonly openCases: OpenCases,
    private readonly district: DistrictReference,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async execute(command: DecideFilingCommand): Promise<FilingDecided> {
    const { caseId, occurredAt, departmentId } = command;
    if (departmentId !== undefined) {
      if (command.decision !== 'file') {
        throw new DomainError('FILING.DEPARTMENT_ON_REJECT', 'a department is named only when filing', 400, [
          { field: 'departmentId', problems: ['only with decision "file"'] },
        ]);
      }
      this.district.requireDepartment(departmentId);
    }
    const { state, version } = await this.cases.load(caseId);
    const events = decide(
      command.decision === 'file'
        ? { kind: 'FileCase', caseId, filedAt: occurredAt, note: command.reason, departmentId }
        : { kind: 'RejectCase', caseId, rejectedAt: occurredAt, reason: command.reason ?? '' },
      state,
    );
    await this.dataSource.transaction(async (manager) => {
      await this.cases.append(caseId, events, version, command, manager);
      await this.filingQueue.remove(manager, caseId);
      if (command.decision === 'reject') await this.openCases.close(manager, caseId);
    });
    return { caseId, status: command.decision === 'file' ? 'filed' : 'rejected' };
  }
}
