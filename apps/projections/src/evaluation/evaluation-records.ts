import type { ImportedPart } from '@cityloop/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ImportedFinding, ImportedScore } from './evaluation.requests';

export interface PartImport {
  quarter: string;
  part: ImportedPart;
  importedAt: Date;
  scores: ImportedScore[];
  findings: ImportedFinding[];
}

export interface Publication {
  quarter: string;
  version: number;
  publishedAt: Date;
  publishedBy: string;
  contentHash: string;
  snapshot: Record<string, unknown>;
}

/** The evaluation's own records: imports of external parts and frozen publications. */
@Injectable()
export class EvaluationRecords {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async saveImport(quarter: string, part: ImportedPart, by: string, scores: unknown, findings: unknown) {
    await this.dataSource.query(
      `INSERT INTO evaluation_imports (quarter, part, imported_by, scores, findings) VALUES ($1, $2, $3, $4, $5)`,
      [quarter, part, by, JSON.stringify(scores), JSON.stringify(findings)],
    );
  }

  /** The latest import of each part, for every quarter up to and including `quarter` (names sort in time order). */
  async latestImportsUpTo(quarter: string): Promise<PartImport[]> {
    const found = await this.dataSource.query<
      {
        quarter: string;
        part: ImportedPart;
        imported_at: Date;
        scores: ImportedScore[];
        findings: ImportedFinding[];
      }[]
    >(
      `SELECT DISTINCT ON (quarter, part) quarter, part, imported_at, scores, findings
         FROM evaluation_imports WHERE quarter <= $1 ORDER BY quarter, part, import_id DESC`,
      [quarter],
    );
    return found.map((r) => ({ ...r, importedAt: r.imported_at }));
  }

  /**
   * Freezes a snapshot as the quarter's next version, with the SHA-256 of its canonical JSON. The
   * latest version is returned instead (`fresh` false) when the snapshot is the same as it (a
   * double click or a retried call mints no new version), or older than it (two publications at
   * once: the snapshots are built before the lock, and the one built on less must not come last).
   */
  async publish(
    quarter: string,
    by: string,
    snapshot: Record<string, unknown>,
  ): Promise<Omit<Publication, 'snapshot'> & { fresh: boolean }> {
    const contentHash = contentHashOf(snapshot);
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`cityloop.evaluation:${quarter}`]);
      const [latest] = await manager.query<
        {
          version: number;
          content_hash: string;
          published_at: Date;
          published_by: string;
          as_of: string | null;
        }[]
      >(
        `SELECT version, content_hash, published_at, published_by, snapshot->>'asOf' AS as_of
           FROM evaluation_publications
          WHERE quarter = $1 ORDER BY version DESC LIMIT 1`,
        [quarter],
      );
      if (latest && (latest.content_hash === contentHash || asOfOf(snapshot) < (latest.as_of ?? '')))
        return {
          quarter,
          version: latest.version,
          publishedAt: latest.published_at,
          publishedBy: latest.published_by,
          contentHash: latest.content_hash,
          fresh: false,
        };
      const version = (latest?.version ?? 0) + 1;
      const [row] = await manager.query<{ published_at: Date }[]>(
        `INSERT INTO evaluation_publications (quarter, version, published_by, content_hash, snapshot)
         VALUES ($1, $2, $3, $4, $5) RETURNING published_at`,
        [quarter, version, by, contentHash, JSON.stringify(snapshot)],
      );
      return {
        quarter,
        version,
        publishedAt: row.published_at,
        publishedBy: by,
        contentHash,
        fresh: true,
      };
    });
  }

  async publication(quarter: string, version?: number): Promise<Publication | null> {
    const [row] = await this.dataSource.query<
      {
        version: number;
        published_at: Date;
        published_by: string;
        content_hash: string;
        snapshot: Record<string, unknown>;
      }[]
    >(
      `SELECT version, published_at, published_by, content_hash, snapshot FROM evaluation_publications
        WHERE quarter = $1 AND ($2::int IS NULL OR version = $2) ORDER BY version DESC LIMIT 1`,
      [quarter, version ?? null],
    );
    if (!row) return null;
    return {
      quarter,
      version: row.version,
      publishedAt: row.published_at,
      publishedBy: row.published_by,
      contentHash: row.content_hash,
      snapshot: row.snapshot,
    };
  }
}

/** SHA-256 of JSON with keys sorted at every level: the same content always gives the same hash. */
export function contentHashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** How far into the events a snapshot was built ('' for none yet): ISO times sort as text. */
const asOfOf = (snapshot: Record<string, unknown>): string =>
  typeof snapshot.asOf === 'string' ? snapshot.asOf : '';
