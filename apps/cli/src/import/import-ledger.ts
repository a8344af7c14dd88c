import { Pool } from 'pg';

/**
 * What an import has done, kept in Postgres (schema cli_import of DATABASE_URL): one row per
 * source record imported, written once its case has reached the export's state. A re-run skips
 * those records; one that was in flight when a run died is carried again (every step of it is
 * safe to repeat: see import-case.ts).
 */
export class ImportLedger {
  private constructor(
    private readonly client: Pool,
    private readonly schema: string,
  ) {}

  static async open(databaseUrl: string, schema = 'cli_import'): Promise<ImportLedger> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad ledger schema name ${schema}`);
    // A pool: many records finish at once, each recorded as it does.
    const client = new Pool({ connectionString: databaseUrl, max: 4 });
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${schema}.imported_records (
        source text NOT NULL,
        external_id text NOT NULL,
        case_id uuid NOT NULL,
        row_number integer NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, external_id)
      )`);
    return new ImportLedger(client, schema);
  }

  /** The external ids of a source already imported. */
  async imported(source: string): Promise<Set<string>> {
    const { rows } = await this.client.query<{ external_id: string }>(
      `SELECT external_id FROM ${this.schema}.imported_records WHERE source = $1`,
      [source],
    );
    return new Set(rows.map((r) => r.external_id));
  }

  async record(source: string, externalId: string, caseId: string, rowNumber: number): Promise<void> {
    await this.client.query(
      `INSERT INTO ${this.schema}.imported_records (source, external_id, case_id, row_number)
       VALUES ($1, $2, $3, $4) ON CONFLICT (source, external_id) DO NOTHING`,
      [source, externalId, caseId, rowNumber],
    );
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
