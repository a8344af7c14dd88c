import type { EventEnvelope, PatrolPassLoggedV1 } from '@cityloop/contracts';
import type { MetricRules, WorkingCalendar } from '@cityloop/domain';
import { upsertSql } from '@cityloop/event-store';
import type { EntityManager } from 'typeorm';
import { CaseEventTable } from './case-event-table';
import { CASE_COLUMNS, type CaseRecord } from './case-record';
import { STATUS_AFTER } from './case-status';
import { foldCase } from './fold-case';
import { REBOUND_FIELDS, ReboundPairs } from './rebound-pairs';

const COLUMNS = Object.values(CASE_COLUMNS);
const FIELD_COLUMNS = Object.entries(CASE_COLUMNS) as [keyof CaseRecord, string][];

/** A record as a row of `cases`, named by column (a plain loop: the rebuild makes a million). */
function rowOf(record: CaseRecord): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [field, column] of FIELD_COLUMNS) row[column] = record[field];
  return row;
}
/**
 * Upserts the records in $1 (a JSON array of rows named by column; $2 their case ids) in one
 * statement, and returns the ids of those whose rebounds may have changed: new, or with a
 * REBOUND_FIELDS column changed (most events, a signing or a dispatch, change none).
 */
const UPSERT_CASES = `
  WITH old AS (SELECT case_id, ${REBOUND_FIELDS.join(', ')} FROM cases WHERE case_id = ANY ($2::uuid[])),
  new AS (
    ${upsertSql(
      'cases',
      COLUMNS,
      'case_id',
      `SELECT ${COLUMNS.join(', ')} FROM jsonb_populate_recordset(NULL::cases, $1::jsonb)`,
    )}
    RETURNING case_id, ${REBOUND_FIELDS.join(', ')}
  )
  SELECT new.case_id FROM new LEFT JOIN old USING (case_id)
   WHERE old.case_id IS NULL
      OR (${REBOUND_FIELDS.map((f) => `old.${f}`).join(', ')}) IS DISTINCT FROM (${REBOUND_FIELDS.map((f) => `new.${f}`).join(', ')})`;

export interface CaseProjectionSettings {
  calendar: WorkingCalendar;
  rules: Pick<MetricRules, 'disposalClockFrom' | 'reboundRadiusMetres' | 'reboundWindowDays'>;
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
 * Folds every service's case events into `case_timeline` (one row per event, keyed by its id),
 * `cases` (the fold of the case's whole timeline) and `rebounds` (each closed case's first
 * rebound: ReboundPairs), and patrol passes into `patrol_passes`. Applying an event twice, late or out of
 * order changes nothing: the live consumer and the rebuild both use it, in the caller's
 * transaction, one event or a batch at a time.
 */
export class CaseProjection {
  /** The event types this projection folds. */
  static readonly TYPES: readonly string[] = [...Object.keys(STATUS_AFTER), 'PatrolPassLogged'];

  private readonly timeline = new CaseEventTable('case_timeline', 'cityloop.case');
  private readonly rebounds: ReboundPairs;

  constructor(private readonly settings: CaseProjectionSettings) {
    this.rebounds = new ReboundPairs(settings.rules);
  }

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    await this.applyAll([event], manager);
  }

  /** Applies a batch of events in a handful of statements, whatever its size. */
  async applyAll(events: readonly EventEnvelope[], manager: EntityManager): Promise<void> {
    const news = await this.keepAll(events, manager);
    if (news.length === 0) return;
    const records = await this.foldCases(
      news.map((e) => e.caseId),
      manager,
    );
    if (this.settings.announce) {
      const changes = news.map((event): CaseChange => {
        const record = records.get(event.caseId)!;
        return {
          type: event.type,
          caseId: record.caseId,
          status: record.status,
          occurredAt: event.occurredAt,
          departmentId: record.departmentId,
          streetId: record.streetId,
          gridCellCode: record.gridCellCode,
        };
      });
      await manager.query('SELECT pg_notify($1, change) FROM unnest($2::text[]) AS change', [
        CASE_CHANGED_CHANNEL,
        changes.map((c) => JSON.stringify(c)),
      ]);
    }
  }

  /**
   * Keeps a batch of events, the case events in the timeline and the patrol passes, without
   * folding the cases (foldCases does). The case events not kept before (a redelivery, a replay
   * adds nothing): the cases to fold.
   */
  async keepAll(
    events: readonly EventEnvelope[],
    manager: EntityManager,
  ): Promise<(EventEnvelope & { caseId: string })[]> {
    const passes = events.filter((e) => e.type === 'PatrolPassLogged');
    if (passes.length > 0)
      await this.patrolPasses(passes as EventEnvelope<string, PatrolPassLoggedV1>[], manager);
    const caseEvents = [
      ...new Map(
        events
          .filter((e): e is EventEnvelope & { caseId: string } => e.type in STATUS_AFTER && !!e.caseId)
          .map((e) => [e.eventId, e]),
      ).values(),
    ];
    const kept = await this.timeline.keepAll(caseEvents, manager);
    return caseEvents.filter((e) => kept.has(e.eventId));
  }

  /**
   * Folds the cases from their whole timelines into their records, and refreshes the rebounds
   * their changes may move, unless `deferRebounds` (the rebuild writes every case's once, last:
   * addRebounds).
   */
  async foldCases(
    caseIds: readonly string[],
    manager: EntityManager,
    { deferRebounds = false } = {},
  ): Promise<Map<string, CaseRecord>> {
    const { records, reboundsMoved } = await this.refreshAll(caseIds, manager);
    if (!deferRebounds && reboundsMoved.length > 0)
      await this.rebounds.refresh(
        reboundsMoved.map((caseId) => records.get(caseId)!),
        manager,
      );
    return records;
  }

  /**
   * Recomputes the cases' rows from their whole timelines (read under the cases' locks:
   * CaseEventTable); `reboundsMoved`: the cases whose rebounds may have changed.
   */
  private async refreshAll(
    caseIds: readonly string[],
    manager: EntityManager,
  ): Promise<{ records: Map<string, CaseRecord>; reboundsMoved: string[] }> {
    const timelines = await this.timeline.lockedTimelines(caseIds, manager);
    const records = new Map(
      [...timelines].map(([caseId, entries]) => [caseId, foldCase(caseId, entries, this.settings)]),
    );
    const rows = [...records.values()].map(rowOf);
    const moved = await manager.query<{ case_id: string }[]>(UPSERT_CASES, [
      JSON.stringify(rows),
      [...records.keys()],
    ]);
    return { records, reboundsMoved: moved.map((r) => r.case_id) };
  }

  /** Writes the cases' first rebounds as the closed case, looking no further (ReboundPairs.addAsClosed). */
  async addRebounds(
    cases: readonly { caseId: string; categoryCode: string | null }[],
    manager: EntityManager,
  ): Promise<void> {
    await this.rebounds.addAsClosed(cases, manager);
  }

  private async patrolPasses(
    events: readonly EventEnvelope<string, PatrolPassLoggedV1>[],
    manager: EntityManager,
  ): Promise<void> {
    const passes = events.flatMap((e) =>
      e.payload.cellCodes.map((cell) => ({ patrol: e.payload.patrolId, cell, at: e.payload.passedAt })),
    );
    await manager.query(
      `INSERT INTO patrol_passes (patrol_id, cell_code, passed_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) ON CONFLICT DO NOTHING`,
      [passes.map((p) => p.patrol), passes.map((p) => p.cell), passes.map((p) => p.at)],
    );
  }
}
