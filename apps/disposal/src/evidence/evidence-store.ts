import { DomainError } from '@cityloop/domain';
import type { Principal } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';

/** What a photo's first bytes must be: the declared type is not trusted. */
const SIGNATURES: { contentType: string; extension: string; matches: (b: Buffer) => boolean }[] = [
  {
    contentType: 'image/jpeg',
    extension: 'jpg',
    matches: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    contentType: 'image/png',
    extension: 'png',
    matches: (b) =>
      b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    contentType: 'image/webp',
    extension: 'webp',
    matches: (b) =>
      b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  },
];

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export interface Evidence {
  evidenceId: string;
  sha256: string;
  contentType: string;
  size: number;
}

/**
 * Evidence photos (处置前后照片), stored once by content hash under EVIDENCE_DIR (a file per
 * distinct photo, written atomically), with a row per photo in disposal's schema. A department
 * sees the photos it uploaded and those cited by its own orders (evidence_holders); the district's
 * roles see them all.
 */
@Injectable()
export class EvidenceStore {
  private readonly dir = process.env.EVIDENCE_DIR || join(process.cwd(), '.run', 'evidence');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async save(content: Buffer, uploader: Principal): Promise<Evidence> {
    const kind = SIGNATURES.find((s) => s.matches(content));
    if (!kind) {
      throw new DomainError('EVIDENCE.UNSUPPORTED_TYPE', 'evidence must be a JPEG, PNG or WebP photo', 415, [
        { field: 'photo', problems: ['not a JPEG, PNG or WebP image'] },
      ]);
    }
    if (content.length > MAX_EVIDENCE_BYTES) {
      throw new DomainError('EVIDENCE.TOO_LARGE', `evidence is limited to ${MAX_EVIDENCE_BYTES} bytes`, 413);
    }
    const sha256 = createHash('sha256').update(content).digest('hex');
    const path = this.pathOf(sha256, kind.extension);
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
      const temporary = `${path}.${randomUUID()}.part`;
      await writeFile(temporary, content);
      await rename(temporary, path);
    }
    const evidenceId = await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<{ evidence_id: string }[]>(
        `INSERT INTO evidence (evidence_id, sha256, content_type, size, extension, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (sha256) DO UPDATE SET sha256 = EXCLUDED.sha256
         RETURNING evidence_id`,
        [randomUUID(), sha256, kind.contentType, content.length, kind.extension, uploader.id],
      );
      if (uploader.departmentId) await this.grant(manager, [row.evidence_id], uploader.departmentId);
      return row.evidence_id;
    });
    return { evidenceId, sha256, contentType: kind.contentType, size: content.length };
  }

  /** The photo, if `reader` may see it (null otherwise, as for one that does not exist). */
  async read(
    evidenceId: string,
    reader: Principal,
  ): Promise<{ content: Buffer; contentType: string } | null> {
    const [row] = await this.dataSource.query<{ sha256: string; content_type: string; extension: string }[]>(
      `SELECT sha256, content_type, extension FROM evidence e
        WHERE evidence_id = $1
          AND ($2::text IS NULL
               OR EXISTS (SELECT 1 FROM evidence_holders h WHERE h.evidence_id = e.evidence_id AND h.department_id = $2))`,
      [evidenceId, this.departmentOf(reader)],
    );
    if (!row) return null;
    return { content: await readFile(this.pathOf(row.sha256, row.extension)), contentType: row.content_type };
  }

  /**
   * Refuses evidence ids that were never uploaded, or (for a department) not uploaded by it
   * (422, naming the field: another department's photo is as unknown as a missing one).
   */
  async requireAll(manager: EntityManager, evidenceIds: string[], citer: Principal): Promise<void> {
    if (evidenceIds.length === 0) return;
    const found = await manager.query<{ evidence_id: string }[]>(
      `SELECT evidence_id FROM evidence e
        WHERE evidence_id = ANY($1::uuid[])
          AND ($2::text IS NULL
               OR EXISTS (SELECT 1 FROM evidence_holders h WHERE h.evidence_id = e.evidence_id AND h.department_id = $2))`,
      [evidenceIds, this.departmentOf(citer)],
    );
    const missing = evidenceIds.filter((id) => !found.some((f) => f.evidence_id === id));
    if (missing.length > 0) {
      throw new DomainError('EVIDENCE.UNKNOWN', `no uploaded evidence ${missing.join(', ')}`, 422, [
        { field: 'evidenceIds', problems: ['upload each photo with POST /api/v1/evidence first'] },
      ]);
    }
  }

  /** Lets `departmentId` see these photos (cited by one of its orders, or uploaded by it). */
  async grant(manager: EntityManager, evidenceIds: string[], departmentId: string): Promise<void> {
    if (evidenceIds.length === 0) return;
    await manager.query(
      `INSERT INTO evidence_holders (evidence_id, department_id)
       SELECT unnest($1::uuid[]), $2 ON CONFLICT DO NOTHING`,
      [evidenceIds, departmentId],
    );
  }

  /** The department whose holdings limit what a caller sees; null for the district's roles. */
  private departmentOf(caller: Principal): string | null {
    return caller.role === 'department' ? (caller.departmentId ?? '') : null;
  }

  private pathOf(sha256: string, extension: string): string {
    return join(this.dir, sha256.slice(0, 2), `${sha256}.${extension}`);
  }
}
