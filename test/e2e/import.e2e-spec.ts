import { waitFor } from '@cityloop/testing';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { closeFiguresFromCsv, foreignExport } from '../support/foreign-export';
import { whenSettled } from '../support/oracle-comparison';
import { CLI } from '../support/simulator';
import { bearer, countRows, TestStack } from '../support/service-processes';

/**
 * `npm run import` on a generated 2,000-row export of another city's 311 system with 1 % bad rows:
 * every good row goes in through the services' importer path with its own times, every bad row is
 * reported with its row number and reason, a second run imports nothing, and the per-department
 * counts and median and p90 time-to-close the metrics give equal those computed from the CSV.
 */
const ROWS = 2000;

let stack: TestStack;
let db: Pool;
const dir = mkdtempSync(join(tmpdir(), 'cityloop-import-'));
const exported = foreignExport(ROWS, 11);
const file = join(dir, 'city311.csv');
const mappingFile = join(dir, 'mapping.json');

interface Summary {
  rows: number;
  imported: number;
  alreadyImported: number;
  bad: number;
  failed: number;
  rowsPerSecond: number;
  errorsFile: string;
  failures: string[];
}

beforeAll(async () => {
  writeFileSync(file, exported.csv);
  writeFileSync(mappingFile, JSON.stringify(exported.mapping, null, 2));
  stack = await TestStack.create('import', ['intake', 'dispatch', 'disposal', 'verification', 'projections']);
  await stack.start();
  db = new Pool({ connectionString: stack.db.url, max: 2 });
}, 180_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
}, 60_000);

const importEnv = () => {
  const url = (service: 'intake' | 'dispatch' | 'disposal' | 'verification') => stack.service(service).url;
  return {
    ...process.env,
    DATABASE_URL: stack.db.url,
    INTAKE_URL: url('intake'),
    DISPATCH_URL: url('dispatch'),
    DISPOSAL_URL: url('disposal'),
    VERIFICATION_URL: url('verification'),
  };
};
const importArgs = [CLI, 'import', file, '--mapping', mappingFile, '--concurrency', '16'];

async function runImport(): Promise<Summary> {
  const { stdout } = await promisify(execFile)(process.execPath, importArgs, {
    env: importEnv(),
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Summary;
}

/** An import killed (SIGKILL, no chance to tidy up) once the ledger holds `records` records. */
async function importKilledAfter(records: number): Promise<number> {
  const child = spawn(process.execPath, importArgs, { env: importEnv(), stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const done = await waitFor(
    () => countRows(stack, 'cli_import.imported_records').catch(() => 0),
    (n) => n >= records,
    { what: `${records} records imported`, timeoutMs: 300_000, intervalMs: 500 },
  );
  child.kill('SIGKILL');
  await exited;
  return done;
}

describe('importing another system’s export', () => {
  it('imports every good row, reports every bad one with its row and reason, and a second run adds nothing', async () => {
    // A run killed part way, then run again: it carries on where the ledger says.
    const beforeKill = await importKilledAfter(300);
    expect(beforeKill).toBeLessThan(ROWS - exported.badRows);
    const first = await runImport();
    expect(first.failures).toEqual([]);
    expect(first.imported + first.alreadyImported).toBe(ROWS - exported.badRows);
    expect(first.alreadyImported).toBeGreaterThanOrEqual(beforeKill);
    expect(first).toMatchObject({
      rows: ROWS,
      bad: exported.badRows,
      failed: 0,
    });
    expect(exported.badRows).toBe(ROWS / 100);

    const errors = readFileSync(first.errorsFile, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(errors[0]).toBe('row,id,reason');
    expect(errors).toHaveLength(exported.badRows + 1);
    // The reasons, as the file has them (a reason holding quotes is quoted, its quotes doubled).
    const has = (text: string) => errors.slice(1).filter((line) => line.includes(text)).length;
    expect(has('is not a date')).toBeGreaterThan(0);
    expect(has('is before created')).toBeGreaterThan(0);
    expect(has('unknown category ""Abandoned Vehicle""')).toBeGreaterThan(0);
    expect(has('is not a date') + has('is before created') + has('unknown category')).toBe(exported.badRows);
    // The row numbers are those of the export (after its header).
    for (const line of errors.slice(1)) {
      const [row, id] = line.split(',');
      expect(id).toBe(`SR-11-${row.padStart(6, '0')}`);
    }

    const second = await runImport();
    expect(second).toMatchObject({ imported: 0, alreadyImported: ROWS - exported.badRows, failed: 0 });
    // One case per good record: the killed run's records in flight were not made twice.
    await whenSettled(db, 300_000);
    expect(await countRows(stack, 'projections.cases')).toBe(ROWS - exported.badRows);
  }, 900_000);

  it('gives per department the closed count and the median and p90 time-to-close computed from the CSV', async () => {
    await whenSettled(db, 300_000);
    const expected = closeFiguresFromCsv(
      exported.csv,
      new Date('2026-07-01T00:00:00+08:00'),
      new Date('2026-10-01T00:00:00+08:00'),
    );
    const { body } = await stack.service('projections').get<{
      items: {
        departmentId: string;
        timeToClose: { count: number; median: number | null; p90: number | null };
      }[];
    }>('/api/v1/metrics/departments?period=2026-Q3', bearer('evaluator'));
    const actual = Object.fromEntries(
      body.items.filter((d) => d.timeToClose.count > 0).map((d) => [d.departmentId, d.timeToClose] as const),
    );
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const [department, figures] of Object.entries(expected)) {
      expect([department, actual[department].count]).toEqual([department, figures.count]);
      expect(actual[department].median).toBeCloseTo(figures.median, 6);
      expect(actual[department].p90).toBeCloseTo(figures.p90, 6);
    }
  }, 400_000);
});
