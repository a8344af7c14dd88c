import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The quarterly evaluation's own records. Not read models: nothing in the event stores holds them,
 * so a rebuild never touches them.
 * - evaluation_imports: each import of an external part (third-party checks, experts, media) for a
 *   quarter, with its scores and findings; the latest import of a part counts, the earlier stay.
 * - evaluation_publications: a published quarter, frozen: the snapshot and its SHA-256; a
 *   republication is a new version, never an update (the trigger refuses UPDATE and DELETE).
 */
export class EvaluationRecords1764000000230 implements MigrationInterface {
  name = 'EvaluationRecords1764000000230';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evaluation_imports (
        import_id bigserial PRIMARY KEY,
        quarter text NOT NULL,
        part text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        imported_by text NOT NULL,
        scores jsonb NOT NULL,
        findings jsonb NOT NULL
      )`);
    await q.query('CREATE INDEX evaluation_imports_quarter ON evaluation_imports (quarter, part, import_id)');
    await q.query(`
      CREATE TABLE evaluation_publications (
        quarter text NOT NULL,
        version integer NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by text NOT NULL,
        content_hash text NOT NULL,
        snapshot jsonb NOT NULL,
        PRIMARY KEY (quarter, version)
      )`);
    await q.query(`
      CREATE FUNCTION evaluation_publications_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a published evaluation is frozen: publish a new version instead';
      END $$`);
    await q.query(`
      CREATE TRIGGER evaluation_publications_frozen BEFORE UPDATE OR DELETE ON evaluation_publications
      FOR EACH ROW EXECUTE FUNCTION evaluation_publications_frozen()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE evaluation_publications');
    await q.query('DROP FUNCTION evaluation_publications_frozen');
    await q.query('DROP TABLE evaluation_imports');
  }
}
