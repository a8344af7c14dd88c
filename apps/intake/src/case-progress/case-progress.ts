import type { EventEnvelope } from '@cityloop/contracts';
import { metricRulesOf } from '@cityloop/domain';
import { upsertSql } from '@cityloop/event-store';
import { CaseEventTable, STATUS_AFTER, type FoldContext } from '@cityloop/read-models';
import { DistrictReference } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { caseProgressOf } from './case-progress.fold';
import { CASE_PROGRESS_COLUMNS, type CaseProgressRecord } from './case-progress.record';

const COLUMNS = Object.values(CASE_PROGRESS_COLUMNS);
/** Many cases' rows in one statement: a JSON array of rows keyed by column. */
const UPSERT = upsertSql(
  'case_progress',
  COLUMNS,
  'case_id',
  `SELECT ${COLUMNS.join(', ')} FROM jsonb_populate_recordset(NULL::case_progress, $1::jsonb)`,
);

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

  /**
   * Keeps these events (of any service) in the caller's transaction and refreshes the cases they
   * change: three statements however many events and cases (keep, read the timelines under their
   * locks, write the rows).
   */
  async record(manager: EntityManager, events: readonly EventEnvelope[]): Promise<void> {
    const moving = events.filter(
      (event): event is EventEnvelope & { caseId: string } =>
        !!event.caseId && CaseProgress.TYPES.includes(event.type),
    );
    const kept = await this.events.keepAll(moving, manager);
    const changed = moving.filter((event) => kept.has(event.eventId)).map((event) => event.caseId);
    if (changed.length === 0) return;
    const timelines = await this.events.lockedTimelines(changed, manager);
    const rows = [...timelines].map(([caseId, timeline]) => {
      const progress = caseProgressOf(caseId, timeline, this.context);
      return Object.fromEntries(
        Object.entries(CASE_PROGRESS_COLUMNS).map(([field, column]) => [
          column,
          progress[field as keyof CaseProgressRecord],
        ]),
      );
    });
    await manager.query(UPSERT, [JSON.stringify(rows)]);
  }
}
