import type { WorkingCalendar } from '@cityloop/domain';
import { DistrictReference, demoPackPath, loadConfig } from '@cityloop/service-kit';
import { readFileSync, writeFileSync } from 'node:fs';
import { progressBar } from '../rebuild/progress-bar';
import { serviceUrlsFrom, ServicesClient } from '../simulate/services-client';
import { Slots } from '../simulate/slots';
import { yearsOutsideCalendar } from './calendar-coverage';
import { csvLine, parseCsv } from './csv';
import { ImportCaseRunner } from './import-case';
import { ImportLedger } from './import-ledger';
import { RowReader, type BadRow, type ImportCase } from './import-row';
import { loadMapping } from './mapping';

export interface ImportOptions {
  file: string;
  mappingPath: string;
  /** Where bad rows go: <file>.errors.csv by default. */
  errorsPath?: string;
  concurrency: number;
  waitTimeoutMs: number;
  /** Progress on a terminal redrawn in place; else a line per tenth. */
  write: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  now?: Date;
}

export interface ImportSummary {
  source: string;
  rows: number;
  imported: number;
  alreadyImported: number;
  bad: number;
  failed: number;
  seconds: number;
  rowsPerSecond: number;
  errorsFile: string;
  /** HTTP calls sent to the services (polls and retries included), and how many were retries. */
  calls: number;
  retries: number;
  byOutcome: Record<string, number>;
  failures: string[];
  /** What the import found that may make figures wrong, though every record went in. */
  warnings: string[];
}

const KEPT_FAILURES = 10;

/**
 * `npm run import -- <file.csv> --mapping <mapping.json>`: backfills another system's cases.
 * Every row is read first (bad rows go to the error file with their row number and reason, and
 * nothing of them is sent); the good rows not yet in the ledger go through the services, many at
 * once, each recorded in the ledger once done, so a second run imports nothing and a run that
 * died resumes where it was.
 */
export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  const env = options.env ?? process.env;
  const mapping = loadMapping(options.mappingPath);
  const config = loadConfig('intake', env);
  const district = DistrictReference.load(config.districtPackPath || demoPackPath());
  const [header = [], ...records] = parseCsv(readFileSync(options.file, 'utf8'));
  const reader = new RowReader(header, mapping, district, options.now ?? new Date());

  const good: ImportCase[] = [];
  const bad: BadRow[] = [];
  records.forEach((fields, i) => {
    const row = reader.read(fields, i + 1);
    if ('ok' in row) good.push(row.ok);
    else bad.push(row.bad);
  });
  const warnings = calendarWarnings(good, district.pack.calendar);
  for (const warning of warnings) options.write(`warning: ${warning}\n`);
  const errorsFile = options.errorsPath ?? `${options.file}.errors.csv`;
  writeFileSync(
    errorsFile,
    `\ufeff${[csvLine(['row', 'id', 'reason']), ...bad.map((b) => csvLine([b.rowNumber, b.externalId, b.reason]))].join('\r\n')}\r\n`,
  );

  const client = new ServicesClient(serviceUrlsFrom(env), env.JWT_SECRET);
  await client.checkHealth();
  const ledger = await ImportLedger.open(config.databaseUrl, env.IMPORT_SCHEMA || undefined);
  const started = Date.now();
  const byOutcome: Record<string, number> = {};
  const failures: string[] = [];
  let imported = 0;
  let failed = 0;
  try {
    const done = await ledger.imported(mapping.source);
    const todo = good.filter((r) => !done.has(r.externalId));
    const runner = new ImportCaseRunner(client, mapping.source, options.waitTimeoutMs);
    const bar = progressBar(options.write, started, undefined, 'records');
    const slots = new Slots(options.concurrency);
    bar({ done: 0, total: todo.length });
    await Promise.all(
      todo.map((record) =>
        slots.run(async () => {
          try {
            const caseId = await runner.carry(record);
            await ledger.record(mapping.source, record.externalId, caseId, record.rowNumber);
            imported++;
            byOutcome[record.outcome] = (byOutcome[record.outcome] ?? 0) + 1;
          } catch (error) {
            failed++;
            if (failures.length < KEPT_FAILURES)
              failures.push(`row ${record.rowNumber} (${record.externalId}): ${(error as Error).message}`);
          }
          bar({ done: imported + failed, total: todo.length });
        }),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    return {
      source: mapping.source,
      rows: records.length,
      imported,
      alreadyImported: good.length - todo.length,
      bad: bad.length,
      failed,
      seconds: Number(seconds.toFixed(1)),
      rowsPerSecond: Number((imported / Math.max(seconds, 0.001)).toFixed(1)),
      errorsFile,
      calls: client.requests,
      retries: client.retries,
      byOutcome,
      failures,
      warnings,
    };
  } finally {
    await ledger.close();
  }
}

function calendarWarnings(records: readonly ImportCase[], calendar: WorkingCalendar): string[] {
  const years = yearsOutsideCalendar(records, calendar);
  if (years.length === 0) return [];
  return [
    `the district's calendar lists no public holiday in ${years.join(', ')}: working time there ` +
      `counts every weekday as a working day. Add them to the pack's calendar (npm run pack:build).`,
  ];
}
