import { deterministicUuid, EventIdReusedError, ExpectedVersionConflictError } from '@cityloop/event-store';
import { DistrictReference, SERVICE_CONFIG, type ServiceConfig } from '@cityloop/service-kit';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CaseProgress } from '../case-progress/case-progress';
import { CaseStream } from '../cases/case-stream';
import { decide } from '../domain/case.decide';
import { initialCaseState } from '../domain/case.state';
import { OpenCases, type DuplicateCandidate } from '../duplicates/open-cases';
import { fingerprintOf, IdempotencyKeys } from '../idempotency/idempotency-keys';
import { ReporterContacts } from '../reporters/reporter-contacts';
import { NewCaseWrites } from './new-case-writes';
import { ReportCaseCommand } from './report-case.command';
import type { ReportCaseResponse } from './report-case.response';

@CommandHandler(ReportCaseCommand)
export class ReportCaseHandler implements ICommandHandler<ReportCaseCommand, ReportCaseResponse> {
  constructor(
    private readonly cases: CaseStream,
    private readonly district: DistrictReference,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly reporterContacts: ReporterContacts,
    private readonly newCases: NewCaseWrites,
    private readonly openCases: OpenCases,
    private readonly progress: CaseProgress,
  ) {}

  async execute(command: ReportCaseCommand): Promise<ReportCaseResponse> {
    const { request, actor, idempotencyKey } = command;
    const { reporter, occurredAt: _given, mergeDuplicates = true, ...report } = request;
    const fingerprint = fingerprintOf(request);
    // A key is the caller's own: two callers using the same key never see each other's answer.
    const scope = `POST /reports by ${actor.id}`;
    if (idempotencyKey) {
      const earlier = await this.idempotencyKeys.find<ReportCaseResponse>(scope, idempotencyKey, fingerprint);
      if (earlier) return earlier;
    }
    this.district.requireCategory(report.categoryCode);
    const placement = this.district.place(report.location);
    // An importer that has deduplicated already (mergeDuplicates false) always opens a new case.
    const [duplicateOf] = mergeDuplicates
      ? await this.openCases.near(report.categoryCode, report.location, this.config.duplicateRadiusMetres)
      : [];

    // With a key, every id derives from it: a retry racing the first attempt collides on the
    // stream instead of opening a second case.
    const id = (name: string) =>
      idempotencyKey
        ? deterministicUuid(`intake:report:${actor.id}:${idempotencyKey}:${name}`)
        : randomUUID();
    const reportId = id('report');
    if (duplicateOf) {
      return this.attach(command, duplicateOf, reportId, placement.cellCode, { scope, fingerprint, id });
    }
    const caseId = id('case');
    const fileAutomatically = this.config.autoFileSources.includes(report.source);
    const events = decide(
      {
        kind: 'ReportCase',
        caseId,
        reportId,
        source: report.source,
        categoryCode: report.categoryCode,
        location: report.location,
        placement: {
          gridCellCode: placement.cellCode,
          communityId: placement.communityId,
          streetId: placement.streetId,
        },
        addressText: report.addressText,
        description: report.description,
        onsetAt: report.onsetAt ? new Date(report.onsetAt) : undefined,
        urgency: report.urgency ?? 'normal',
        reportedAt: command.occurredAt,
        fileAutomatically,
      },
      initialCaseState,
    );
    const response: ReportCaseResponse = {
      caseId,
      reportId,
      status: fileAutomatically ? 'filed' : 'reported',
      gridCellCode: placement.cellCode,
      streetId: placement.streetId,
      duplicate: false,
    };

    try {
      const appended = await this.newCases.commit({
        caseId,
        reportId,
        events,
        context: { ...command, idFor: (index) => id(`event:${index}`) },
        fileAutomatically,
        reporter,
        idempotency: idempotencyKey ? { scope, key: idempotencyKey, fingerprint, response } : undefined,
      });
      // A retry of this key that committed first (its answer kept with it): that answer, or the
      // 422 for a different body.
      if (appended.duplicate && idempotencyKey) {
        return (
          (await this.idempotencyKeys.find<ReportCaseResponse>(scope, idempotencyKey, fingerprint)) ??
          response
        );
      }
    } catch (error) {
      const raced = error instanceof ExpectedVersionConflictError || error instanceof EventIdReusedError;
      if (raced && idempotencyKey) {
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

  /** 重复上报: the report joins the open case of the same problem nearby. */
  private async attach(
    command: ReportCaseCommand,
    duplicateOf: DuplicateCandidate,
    reportId: string,
    gridCellCode: string,
    keyed: { scope: string; fingerprint: string; id: (name: string) => string },
  ): Promise<ReportCaseResponse> {
    const { request, idempotencyKey } = command;
    const caseId = duplicateOf.caseId;
    const { state, version } = await this.cases.load(caseId);
    const events = decide(
      {
        kind: 'AttachReport',
        caseId,
        reportId,
        source: request.source,
        location: request.location,
        gridCellCode,
        description: request.description,
        onsetAt: request.onsetAt ? new Date(request.onsetAt) : undefined,
        reportedAt: command.occurredAt,
        distanceMetres: duplicateOf.distanceMetres,
      },
      state,
    );
    const response: ReportCaseResponse = {
      caseId,
      reportId,
      status: state.status === 'none' ? 'reported' : state.status,
      gridCellCode: duplicateOf.gridCellCode,
      streetId: state.status === 'none' ? null : state.report.streetId,
      duplicate: true,
    };
    await this.dataSource.transaction(async (manager) => {
      const appended = await this.cases.append(
        caseId,
        events,
        version,
        { ...command, idFor: (index) => keyed.id(`event:${index}`) },
        manager,
      );
      await this.progress.record(manager, appended.events);
      if (request.reporter) await this.reporterContacts.save(manager, reportId, caseId, request.reporter);
      if (idempotencyKey)
        await this.idempotencyKeys.remember(
          manager,
          keyed.scope,
          idempotencyKey,
          keyed.fingerprint,
          response,
        );
    });
    return response;
  }
}
