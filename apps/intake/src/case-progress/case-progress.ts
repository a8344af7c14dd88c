import type { EventEnvelope } from '@cityloop/contracts';
import { metricRulesOf } from '@cityloop/domain';
import { upsertSql } from '@cityloop/event-store';
import { CaseEventTable, STATUS_AFTER, type FoldContext } from '@cityloop/read-models';
import { DistrictReference } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { caseProgressOf } from './case-progress.fold';
import { CASE_PROGRESS_COLUMNS, type CaseProgressRecord } from './case-progress.record';

const FIELDS = Object.keys(CASE_PROGRESS_COLUMNS) as (keyof CaseProgressRecord)[];
const UPSERT = upsertSql('case_progress', Object.values(CASE_PROGRESS_COLUMNS), 'case_id');

/**
 * Intake's record of how each case is going across the services (case_progress; see its
 * migration): every case event is kept once by its id, and the case's row is recomputed from all
 * of them, so duplicates, redeliveries and any arrival order give the same row.
 */
@Injectable()
export class CaseProgress {
  /** The event types that move a case (those the case status rules know). */
  static readonly TYPES: readonly string[] = Object.keys(STATUS_AFTER);

  private readonly events = new CaseEventTable('case_progress_events', 'cityloop.intake.progress');
  private readonly context: FoldContext;

  constructor(district: DistrictReference) {
    this.context = { calendar: district.calendar, rules: metricRulesOf(district.pack) };
  }

  /** Keeps these events (of any service) in the caller's transaction and refreshes the cases they change. */
  async record(manager: EntityManager, events: readonly EventEnvelope[]): Promise<void> {
    const changed = new Set<string>();
    for (const event of events) {
      if (!event.caseId || !CaseProgress.TYPES.includes(event.type)) continue;
      if (await this.events.keep({ ...event, caseId: event.caseId }, manager)) changed.add(event.caseId);
    }
    for (const caseId of changed) {
      const progress = caseProgressOf(
        caseId,
        await this.events.lockedTimeline(caseId, manager),
        this.context,
      );
      await manager.query(
        UPSERT,
        FIELDS.map((field) => progress[field]),
      );
    }
  }
}
