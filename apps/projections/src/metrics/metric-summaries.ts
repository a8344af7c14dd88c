import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** Which metric table: a subject's, for a period, of one category or all, by one definition. */
export interface SummaryKey {
  subject: string;
  start: Date;
  end: Date;
  categoryCode: string | null;
  /** A fingerprint of the figures' definitions and the district's rules (MetricsReadModel). */
  definition: string;
}

/** The read model's clock the table was computed at, and from when that clock no longer matters. */
export interface SummaryClock {
  asOf: Date | null;
  /** From this instant on, a later clock changes no figure of the period (it has settled). */
  settledFrom: Date;
}

/** A table as served: its items, the read model's clock they were computed at, and when. */
export interface KeptTable<T> {
  items: T;
  asOf: Date | null;
  computedAt: Date;
}

interface KeptRow<T> {
  items: T;
  as_of: Date | null;
  computed_at: Date;
  /** A fresh computation would give the same table now. */
  holds: boolean;
  /** Computed within the age the reader accepts. */
  young: boolean;
}

/** A computation of a table under way, for readers who accept a table of some age to share. */
interface Computing {
  startedAt: number;
  table: Promise<KeptTable<unknown>>;
}

/** How often stale summaries are dropped and the marks every summary has seen are pruned. */
const PRUNE_EVERY_MS = 60_000;

/** A summary is recomputed at least this often, so that the table stays small. */
const KEEP_FOR = '1 day';

/**
 * A mark that the summary `s` did not see: a change, by a transaction outside its snapshot, to the
 * figures of a day it covers (the migration's triggers write the marks).
 */
const UNSEEN_MARK = `EXISTS (
  SELECT 1 FROM metric_marks m
   WHERE m.xid >= pg_snapshot_xmin(s.snapshot) AND m.day BETWEEN s.first_day AND s.last_day
     AND NOT pg_visible_in_snapshot(m.xid, s.snapshot))`;

/**
 * The metric tables, kept as computed (docs/ARCHITECTURE.md, "Metric summaries"). A table is
 * computed in one snapshot of the read model and kept with that snapshot; it is served again while
 * no change to the cases of its days has been committed outside that snapshot, and while the
 * read model's clock is the same (or both clocks are past the period's settling). Every write to
 * `cases`, `rebounds` and `patrol_passes` marks the days it changes (triggers, in the writer's
 * transaction), so a kept table is always the table a fresh computation would give.
 *
 * A reader may accept a table of some age instead (`maxAgeSeconds`, the command centre's live
 * refresh): a kept table computed within that age is served as it is, with its own clock, and
 * computed again in the background, one computation a table at a time.
 */
@Injectable()
export class MetricSummaries implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger(MetricSummaries.name);
  private pruning?: NodeJS.Timeout;
  /** The computations readers of some age share, by table. */
  private readonly computing = new Map<string, Computing>();
  /** Every computation under way (one whose table entry a newer one replaced too). */
  private readonly underWay = new Set<Promise<unknown>>();
  /** Set as the process stops: no computation starts in the background any more. */
  private closing = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.pruning = setInterval(() => {
      this.prune().catch((error: Error) => this.log.warn(`pruning metric summaries: ${error.message}`));
    }, PRUNE_EVERY_MS).unref();
  }

  /** Lets the computations under way finish before the database goes. */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    clearInterval(this.pruning);
    await this.idle();
  }

  /** Resolves once no computation is under way (those started meanwhile included). */
  async idle(): Promise<void> {
    while (this.underWay.size > 0) await Promise.allSettled([...this.underWay]);
  }

  /**
   * The kept table if it still holds. Else, with `maxAgeSeconds` 0 (exact now), `computeTable` in
   * one snapshot, kept for the next time. With an age accepted: the kept table if computed within
   * it (computed again in the background), else a computation under way or a new one.
   */
  async through<T>(
    key: SummaryKey,
    clock: SummaryClock,
    computeTable: (db: EntityManager) => Promise<T>,
    maxAgeSeconds = 0,
  ): Promise<KeptTable<T>> {
    const [kept] = await this.dataSource.query<KeptRow<T>[]>(
      `SELECT s.items, s.as_of, s.computed_at,
              NOT s.lapsed AND (s.as_of IS NOT DISTINCT FROM $6 OR (s.as_of >= $7 AND $6 >= $7))
                AND NOT ${UNSEEN_MARK} AS holds,
              s.computed_at >= now() - make_interval(secs => $8) AS young
         FROM metric_summaries s
        WHERE (s.subject, s.period_start, s.period_end, s.category_code, s.definition) = ($1, $2, $3, $4, $5)`,
      [...this.keyParams(key), clock.asOf, clock.settledFrom, maxAgeSeconds],
    );
    if (kept) {
      const table = { items: kept.items, asOf: kept.as_of, computedAt: kept.computed_at };
      // A table that holds is the table of the clock now.
      if (kept.holds) return { ...table, asOf: clock.asOf };
      if (maxAgeSeconds > 0 && kept.young) {
        if (!this.closing && !this.computing.has(this.idOf(key)))
          this.shared(key, clock, computeTable).catch((error: Error) =>
            this.log.warn(`computing a metric table in the background: ${error.message}`),
          );
        return table;
      }
    }
    if (maxAgeSeconds <= 0) return this.compute(key, clock, computeTable);
    const running = this.computing.get(this.idOf(key));
    if (running && running.startedAt >= Date.now() - maxAgeSeconds * 1000)
      return running.table as Promise<KeptTable<T>>;
    return this.shared(key, clock, computeTable);
  }

  /**
   * Marks the summaries that no longer hold as lapsed and drops the old ones, gives the others
   * this snapshot (they hold in it), then deletes the marks every summary has seen (a lapsed one
   * needs none). Skipped while a summary is being computed: its snapshot may lack a mark this
   * would delete.
   */
  async prune(): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      try {
        // Before the snapshot is taken (its first query): no summary is being computed.
        await runner.query('LOCK TABLE metric_summary_guard IN ACCESS EXCLUSIVE MODE NOWAIT');
      } catch (error) {
        // Held by a computation (lock_not_available): the next minute's pruning will do.
        if ((error as { code?: string }).code !== '55P03') throw error;
        await runner.rollbackTransaction();
        return false;
      }
      await runner.query(`DELETE FROM metric_summaries WHERE computed_at < now() - interval '${KEEP_FOR}'`);
      await runner.query(`UPDATE metric_summaries s SET lapsed = true WHERE NOT s.lapsed AND ${UNSEEN_MARK}`);
      await runner.query('UPDATE metric_summaries SET snapshot = pg_current_snapshot() WHERE NOT lapsed');
      await runner.query('DELETE FROM metric_marks WHERE xid < pg_snapshot_xmin(pg_current_snapshot())');
      await runner.commitTransaction();
      return true;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** A computation of the table that readers of some age join while it runs. */
  private shared<T>(
    key: SummaryKey,
    clock: SummaryClock,
    computeTable: (db: EntityManager) => Promise<T>,
  ): Promise<KeptTable<T>> {
    const id = this.idOf(key);
    const table = this.compute(key, clock, computeTable);
    this.computing.set(id, { startedAt: Date.now(), table });
    this.underWay.add(table);
    void table
      .catch(() => undefined)
      .finally(() => {
        this.underWay.delete(table);
        if (this.computing.get(id)?.table === table) this.computing.delete(id);
      });
    return table;
  }

  private async compute<T>(
    key: SummaryKey,
    clock: SummaryClock,
    computeTable: (db: EntityManager) => Promise<T>,
  ): Promise<KeptTable<T>> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      // Taken before the snapshot (the next query), held to the commit: see prune.
      await runner.query('LOCK TABLE metric_summary_guard IN ACCESS SHARE MODE');
      const [{ now: computedAt }] = (await runner.query('SELECT now()')) as { now: Date }[];
      const items = await computeTable(runner.manager);
      try {
        await runner.query(
          `INSERT INTO metric_summaries AS s (subject, period_start, period_end, category_code, definition,
                                               as_of, first_day, last_day, snapshot, items)
           VALUES ($1, $2, $3, $4, $5, $6, ($2::timestamptz AT TIME ZONE 'UTC')::date,
                   (($3::timestamptz - interval '1 microsecond') AT TIME ZONE 'UTC')::date, pg_current_snapshot(), $7)
           ON CONFLICT (subject, period_start, period_end, category_code, definition) DO UPDATE
              SET as_of = excluded.as_of, snapshot = excluded.snapshot, items = excluded.items,
                  computed_at = now(), lapsed = false`,
          [...this.keyParams(key), clock.asOf, JSON.stringify(items)],
        );
        await runner.commitTransaction();
      } catch (error) {
        // Another reader kept the same table meanwhile (a serialization failure): ours is as exact.
        if ((error as { code?: string }).code !== '40001') throw error;
      }
      return { items, asOf: clock.asOf, computedAt };
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  private keyParams(key: SummaryKey): unknown[] {
    return [key.subject, key.start, key.end, key.categoryCode ?? '', key.definition];
  }

  private idOf(key: SummaryKey): string {
    return JSON.stringify(this.keyParams(key));
  }
}
