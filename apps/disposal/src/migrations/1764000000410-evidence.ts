import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * evidence: uploaded photos (处置前后照片). The file lives once under EVIDENCE_DIR, named by its
 * SHA-256; the same photo uploaded twice is one row and one file. Events carry only evidence ids.
 */
export class Evidence1764000000410 implements MigrationInterface {
  name = 'Evidence1764000000410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evidence (
        evidence_id uuid PRIMARY KEY,
        sha256 text NOT NULL UNIQUE,
        content_type text NOT NULL,
        extension text NOT NULL,
        size integer NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE evidence');
  }
}
