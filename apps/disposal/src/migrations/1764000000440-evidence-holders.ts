import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * evidence_holders: which departments may see a photo. The department that uploaded it, and the
 * department of every order whose disposal report cites it; the district's own roles see them all.
 * Filled from the disposal reports already stored.
 */
export class EvidenceHolders1764000000440 implements MigrationInterface {
  name = 'EvidenceHolders1764000000440';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evidence_holders (
        evidence_id uuid NOT NULL REFERENCES evidence,
        department_id text NOT NULL,
        PRIMARY KEY (evidence_id, department_id)
      )`);
    await q.query(`
      INSERT INTO evidence_holders (evidence_id, department_id)
      SELECT DISTINCT ev.evidence_id, e.payload->>'departmentId'
        FROM events e
        CROSS JOIN jsonb_array_elements_text(e.payload->'evidenceIds') AS cited(id)
        JOIN evidence ev ON ev.evidence_id::text = cited.id
       WHERE e.type = 'DisposalReported'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE evidence_holders');
  }
}
