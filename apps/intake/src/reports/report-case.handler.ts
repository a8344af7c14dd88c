import type { NewEvent } from '@cityloop/contracts';
import { deterministicUuid, ExpectedVersionConflictError, type EventStore } from '@cityloop/event-store';
import { EVENT_STORE } from '@cityloop/service-kit';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { decide } from '../domain/case.decide';
import { initialCaseState } from '../domain/case.state';
import { fingerprintOf, IdempotencyKeys } from '../idempotency/idempotency-keys';
import { ReporterContacts } from '../reporters/reporter-contacts';
import { ReportCaseCommand } from './report-case.command';
import type { ReportCaseResponse } from './report-case.response';

@CommandHandler(ReportCaseCommand)
export class ReportCaseHandler implements ICommandHandler<ReportCaseCommand, ReportCaseResponse> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly reporterContacts: ReporterContacts,
  ) {}

  async execute({
    request,
    actor,
    correlationId,
    idempotencyKey,
  }: ReportCaseCommand): Promise<ReportCaseResponse> {
    const { reporter, ...report } = request;
    const fingerprint = fingerprintOf(request);
    // A key is the caller's own: two callers using the same key never see each other's answer.
    const scope = `POST /reports by ${actor.id}`;
    if (idempotencyKey) {
      const earlier = await this.idempotencyKeys.find<ReportCaseResponse>(scope, idempotencyKey, fingerprint);
      if (earlier) return earlier;
    }
    // With a key, every id derives from it: a retry racing the first attempt collides on the
    // stream instead of opening a second case.
    const id = (name: string) =>
      idempotencyKey
        ? deterministicUuid(`intake:report:${actor.id}:${idempotencyKey}:${name}`)
        : randomUUID();
    const caseId = id('case');
    const reportId = id('report');
    const reportedAt = new Date();

    const decided = decide(
      {
        kind: 'ReportCase',
        caseId,
        reportId,
        source: report.source,
        categoryCode: report.categoryCode,
        location: report.location,
        addressText: report.addressText,
        description: report.description,
        onsetAt: report.onsetAt ? new Date(report.onsetAt) : undefined,
        urgency: report.urgency ?? 'normal',
        reportedAt,
      },
      initialCaseState,
    );
    const events: NewEvent[] = decided.map((event, index) => ({
      ...event,
      eventId: id(`event:${index}`),
      caseId,
      occurredAt: reportedAt,
      correlationId,
      causationId: null,
      actor,
    }));
    const response: ReportCaseResponse = {
      caseId,
      reportId,
      status: 'reported',
      gridCellCode: null,
      streetId: null,
      duplicate: false,
    };

    try {
      await this.dataSource.transaction(async (manager) => {
        const appended = await this.store.append(`case-${caseId}`, events, 0, manager);
        if (appended.duplicate) return;
        if (reporter) await this.reporterContacts.save(manager, reportId, caseId, reporter);
        if (idempotencyKey)
          await this.idempotencyKeys.remember(manager, scope, idempotencyKey, fingerprint, response);
      });
    } catch (error) {
      if (error instanceof ExpectedVersionConflictError && idempotencyKey) {
        const earlier = await this.idempotencyKeys.find<ReportCaseResponse>(
          scope,
          idempotencyKey,
          fingerprint,
        );
        if (earlier) return earlier;
      }
      throw error;
    }
    return response;
  }
}
