/**
 * The import's rate on the running stack (`npm run stack:up` first):
 *   npm run -s bench:import -- [rows=100000] [seed=17] [concurrency: the import's default]
 * Generates another city's export of `rows` rows with 1 % bad rows (test/support/foreign-export.ts),
 * runs `import` on it as a user does (the built CLI, the services' importer path), then checks what
 * the import suite checks on 2,000 rows: every bad row reported, a second run imports nothing, and,
 * once projections has caught up, per department and quarter the count, median and p90 of
 * time-to-close equal those computed from the CSV. It prints and writes
 * (.run/bench/import-rate.json) the rows, the time, the rate and the checks, with the machine's
 * cores, and exits non-zero when a check fails. A run on a seed already imported measures the
 * idempotent re-run. DATABASE_URL and PROJECTIONS_URL say where (default: the stack's).
 */
import { namedPeriod } from '@cityloop/domain';
import { demoPackPath, DEVELOPMENT_JWT_SECRET, DistrictReference, Tokens } from '@cityloop/service-kit';
import { execFile } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { closeFiguresFromCsv, foreignExport, type CloseFigures } from '../support/foreign-export';
import { quartersBetween, whenSettled, type Quarter } from '../support/oracle-comparison';

const [rows = '100000', seed = '17', concurrency] = process.argv.slice(2);
const root = join(__dirname, '..', '..', '..');
const out = join(root, '.run', 'bench');
const projections = process.env.PROJECTIONS_URL ?? 'http://127.0.0.1:3000';

/** The fields of the import's JSON summary (docs/IMPORT.md) that this script reads. */
type Summary = Record<string, unknown> &
  Record<'imported' | 'alreadyImported' | 'bad' | 'failed' | 'seconds', number> & { errorsFile: string };

/** The import command, as a user runs it; its summary (the last line of its output). */
async function runImport(file: string, mapping: string): Promise<Summary> {
  const child = execFile(
    process.execPath,
    [
      join(root, 'dist', 'apps', 'cli', 'src', 'main.js'),
      'import',
      file,
      '--mapping',
      mapping,
      ...(concurrency ? ['--concurrency', concurrency] : []),
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  child.stderr?.pipe(process.stderr);
  const stdout = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: string) => (text += chunk));
    child.on('error', reject);
    child.on('close', () => resolve(text));
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Summary;
}

const same = (a: number | null | undefined, b: number) => a != null && Math.abs(a - b) < 1e-6;

/** Per quarter, the departments whose time-to-close differs from the one computed from the CSV. */
async function closeFiguresAgainstCsv(csv: string, quarters: Quarter[], timeZone: string) {
  const tokens = new Tokens(process.env.JWT_SECRET || DEVELOPMENT_JWT_SECRET);
  const headers = { authorization: `Bearer ${tokens.sign({ id: 'import-bench', role: 'evaluator' })}` };
  const differences: string[] = [];
  let compared = 0;
  for (const quarter of quarters) {
    const period = namedPeriod(quarter.name, timeZone);
    const expected = closeFiguresFromCsv(csv, period.start, period.end);
    const response = await fetch(`${projections}/api/v1/metrics/departments?period=${quarter.name}`, {
      headers,
    });
    const { items } = (await response.json()) as {
      items: { departmentId: string; timeToClose: CloseFigures }[];
    };
    const actual = new Map(items.map((item) => [item.departmentId, item.timeToClose]));
    for (const [department, want] of Object.entries(expected)) {
      compared++;
      const got = actual.get(department);
      if (!got || got.count !== want.count || !same(got.median, want.median) || !same(got.p90, want.p90))
        differences.push(
          `${quarter.name} ${department}: ${JSON.stringify(got)} against ${JSON.stringify(want)}`,
        );
    }
  }
  return { quarters: quarters.length, compared, differences };
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const exported = foreignExport(Number(rows), Number(seed));
  const file = join(out, `import-${rows}-${seed}.csv`);
  const mapping = join(out, `import-${rows}-${seed}.mapping.json`);
  writeFileSync(file, exported.csv);
  writeFileSync(mapping, JSON.stringify(exported.mapping, null, 2));
  process.stderr.write(`import of ${rows} rows (${exported.badRows} bad): ${file}\n`);

  const summary = await runImport(file, mapping);
  const reportedBad = readFileSync(summary.errorsFile, 'utf8').trim().split('\r\n').length - 1;
  process.stderr.write('the same import again (it should import nothing)\n');
  const again = await runImport(file, mapping);

  const db = new Pool({
    connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cityloop',
    max: 2,
  });
  const settleStarted = Date.now();
  await whenSettled(db, 3_600_000).finally(() => db.end());
  const settledSeconds = (Date.now() - settleStarted) / 1000;
  const { timeZone } = DistrictReference.load(process.env.DISTRICT_PACK || demoPackPath()).pack.district;
  const lastClosure = new Date(exported.opened.to.getTime() + 10 * 86_400_000);
  const quarters = quartersBetween(exported.opened.from, lastClosure, timeZone);
  const figures = await closeFiguresAgainstCsv(exported.csv, quarters, timeZone);

  const checks = {
    everyGoodRowImported: summary.imported + summary.alreadyImported === exported.rows - exported.badRows,
    everyBadRowReported: summary.bad === exported.badRows && reportedBad === exported.badRows,
    secondRunImportsNothing: again.imported === 0 && again.failed === 0,
    closeFiguresEqualTheCsv: figures.differences.length === 0 && figures.compared > 0,
  };
  const report = {
    machine: { cores: cpus().length, model: cpus()[0]?.model },
    concurrency: concurrency ? Number(concurrency) : 'default',
    ...summary,
    secondRun: { imported: again.imported, alreadyImported: again.alreadyImported, seconds: again.seconds },
    projectionsSettledAfterSeconds: Number(settledSeconds.toFixed(1)),
    closeFigures: figures,
    checks,
  };
  writeFileSync(join(out, 'import-rate.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  if (Object.values(checks).some((ok) => !ok)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
