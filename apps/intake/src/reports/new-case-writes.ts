import type { CaseReportedV1 } from '@cityloop/contracts';
import { GroupCommit, type AppendResult, type GroupWrites } from '@cityloop/event-store';
import { SERVICE_CONFIG, type EventContext, type ServiceConfig } from '@cityloop/service-kit';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseProgress } from '../case-progress/case-progress';
import { CaseStream } from '../cases/case-stream';
import type { CaseEvent } from '../domain/case.events';
import { OpenCases } from '../duplicates/open-cases';
import { FilingQueue } from '../filing/filing-queue';
import { IdempotencyKeys } from '../idempotency/idempotency-keys';
import { ReporterContacts, type ReporterContact } from '../reporters/reporter-contacts';
import type { ReportCaseResponse } from './report-case.response';

/** A report that opens a case, as decided: what its commit writes. */
export interface NewCase {
  caseId: string;
  reportId: string;
  /** CaseReported first (then CaseFiled when the source files automatically). */
  events: CaseEvent[];
  context: EventContext;
  fileAutomatically: boolean;
  reporter?: ReporterContact;
  /** The caller's Idempotency-Key, remembered with the response in the same commit. */
  idempotency?: { scope: string; key: string; fingerprint: string; response: ReportCaseResponse };
}

/**
 * The commit of a new case: its stream, and intake's side tables in the same transaction (the
 * open case for duplicate search, the filing queue, the case's progress, the caller's contact and
 * Idempotency-Key). Reports arriving while others commit are committed together (GroupCommit):
 * one transaction, and one statement per table, for all of them.
 */
@Injectable()
export class NewCaseWrites implements GroupWrites<NewCase, AppendResult> {
  private readonly logger = new Logger(NewCaseWrites.name);
  private readonly group: GroupCommit<NewCase, AppendResult>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    private readonly cases: CaseStream,
    private readonly openCases: OpenCases,
    private readonly filingQueue: FilingQueue,
    private readonly progress: CaseProgress,
    private readonly reporterContacts: ReporterContacts,
    private readonly idempotencyKeys: IdempotencyKeys,
  ) {
    // Two transactions in flight at most, leaving the rest of the pool to reads and consumers.
    this.group = new GroupCommit(dataSource, this, {
      maxInFlight: Math.max(1, Math.min(2, config.dbPoolSize - 2)),
      onGroupFailed: (error, size) =>
        this.logger.warn(
          `a group of ${size} new cases failed, committing each alone: ${(error as Error).message}`,
        ),
    });
  }

  /** Resolves with the append once the case has committed (`duplicate`: this report's retry had). */
  commit(newCase: NewCase): Promise<AppendResult> {
    return this.group.commit(newCase);
  }

  async alone(newCase: NewCase, manager: EntityManager): Promise<AppendResult> {
    const { caseId, events, context } = newCase;
    const appended = await this.cases.append(caseId, events, 0, context, manager);
    if (!appended.duplicate) await this.sideTables([newCase], [appended], manager);
    return appended;
  }

  async together(newCases: readonly NewCase[], manager: EntityManager): Promise<AppendResult[]> {
    const appended = await this.cases.appendNew(newCases, manager);
    await this.sideTables(newCases, appended, manager);
    return appended;
  }

  private async sideTables(
    newCases: readonly NewCase[],
    appended: readonly AppendResult[],
    manager: EntityManager,
  ): Promise<void> {
    const opened = newCases.map((c, i) => ({
      caseId: c.caseId,
      report: appended[i].events[0].payload as CaseReportedV1,
    }));
    for (const { caseId, reportId, reporter } of newCases)
      if (reporter) await this.reporterContacts.save(manager, reportId, caseId, reporter);
    await this.openCases.open(manager, opened);
    await this.filingQueue.add(
      manager,
      opened.filter((_, i) => !newCases[i].fileAutomatically),
    );
    // The new cases are known to intake's progress (and so to Open311's GETs) as they commit.
    await this.progress.record(
      manager,
      appended.flatMap((a) => a.events),
    );
    for (const { idempotency } of newCases)
      if (idempotency)
        await this.idempotencyKeys.remember(
          manager,
          idempotency.scope,
          idempotency.key,
          idempotency.fingerprint,
          idempotency.response,
        );
  }
}
