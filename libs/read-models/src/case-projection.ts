import type { EventEnvelope, PatrolPassLoggedV1 } from '@cityloop/contracts';
import type { MetricRules, WorkingCalendar } from '@cityloop/domain';
import { upsertSql } from '@cityloop/event-store';
import type { EntityManager } from 'typeorm';
import { CaseEventTable } from './case-event-table';
import { CASE_COLUMNS, type CaseRecord } from './case-record';
import { STATUS_AFTER } from './case-status';
import { foldCase } from './fold-case';

const UPSERT_CASE = upsertSql('cases', Object.values(CASE_COLUMNS), 'case_id');

export interface CaseProjectionSettings {
  calendar: WorkingCalendar;
  rules: Pick<MetricRules, 'disposalClockFrom'>;
  /**
   * Announce each changed case on CASE_CHANGED_CHANNEL (NOTIFY: delivered at commit, in commit
   * order; the live stream's source). The rebuild leaves it off.
   */
  announce?: boolean;
}

/** Postgres channel of the case changes the live stream (GET /live) sends on. */
export const CASE_CHANGED_CHANNEL = 'projections_case_changed';

/** What a live frame says of a changed case. */
export interface CaseChange {
  type: string;
  caseId: string;
  status: string;
  occurredAt: string;
  departmentId: string | null;
  streetId: string | null;
  gridCellCode: string | null;
}

/**
 * Folds every service's case events into `case_timeline` (one row per event, keyed by its id) and
 * `cases` (the fold of the case's whole timeline), and patrol passes into `patrol_passes`.
 * Applying an event twice, late or out of order changes nothing: the live consumer and the rebuild
 * both use it, in the caller's transaction.
 */
export class CaseProjection {
  /** The event types this projection folds. */
  static readonly TYPES: readonly string[] = [...Object.keys(STATUS_AFTER), 'PatrolPassLogged'];

  private readonly timeline = new CaseEventTable('case_timeline', 'cityloop.case');

  constructor(private readonly settings: CaseProjectionSettings) {}

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (event.type === 'PatrolPassLogged')
      return this.patrolPass(event as EventEnvelope<string, PatrolPassLoggedV1>, manager);
    if (!(event.type in STATUS_AFTER) || !event.caseId) return;
    const kept = await this.timeline.keep({ ...event, caseId: event.caseId }, manager);
    // Seen before (a redelivery, a replay): the record was refreshed when it was first added.
    if (!kept) return;
    const record = await this.refresh(event.caseId, manager);
    if (this.settings.announce) {
      const change: CaseChange = {
        type: event.type,
        caseId: record.caseId,
        status: record.status,
        occurredAt: event.occurredAt,
        departmentId: record.departmentId,
        streetId: record.streetId,
        gridCellCode: record.gridCellCode,
      };
      await manager.query('SELECT pg_notify($1, $2)', [CASE_CHANGED_CHANNEL, JSON.stringify(change)]);
    }
  }

  /** Recomputes the case's row from its whole timeline (read under the case's lock: CaseEventTable). */
  async refresh(caseId: string, manager: EntityManager): Promise<CaseRecord> {
    const entries = await this.timeline.lockedTimeline(caseId, manager);
    const record = foldCase(caseId, entries, this.settings);
    await manager.query(
      UPSERT_CASE,
      (Object.keys(CASE_COLUMNS) as (keyof CaseRecord)[]).map((field) => record[field]),
    );
    return record;
  }

  private async patrolPass(
    event: EventEnvelope<string, PatrolPassLoggedV1>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO patrol_passes (patrol_id, cell_code, passed_at)
       SELECT $1, cell, $3 FROM unnest($2::text[]) AS cell ON CONFLICT DO NOTHING`,
      [event.payload.patrolId, event.payload.cellCodes, event.payload.passedAt],
    );
  }
}
