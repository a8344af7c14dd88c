/**
 * The import's rate on the running stack (`npm run stack:up` first):
 *   npm run -s bench:import -- [rows=100000] [seed=17] [concurrency: the import's default]
 * Generates another city's export of `rows` rows with 1 % bad rows (test/support/foreign-export.ts),
 * runs `import` on it as a user does (the built CLI, the services' importer path), and prints and
 * writes (.run/bench/import-rate.json) the rows, the time and the rate, with the machine's cores.
 * A second run of the same seed is the idempotent re-run (it imports nothing and says how fast).
 */
import { execFile } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { foreignExport } from '../support/foreign-export';

const [rows = '100000', seed = '17', concurrency] = process.argv.slice(2);
const root = join(__dirname, '..', '..', '..');
const out = join(root, '.run', 'bench');

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const exported = foreignExport(Number(rows), Number(seed));
  const file = join(out, `import-${rows}-${seed}.csv`);
  const mapping = join(out, `import-${rows}-${seed}.mapping.json`);
  writeFileSync(file, exported.csv);
  writeFileSync(mapping, JSON.stringify(exported.mapping, null, 2));
  process.stderr.write(`import of ${rows} rows (${exported.badRows} bad): ${file}\n`);
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
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  child.stderr?.pipe(process.stderr);
  const stdout = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: string) => (text += chunk));
    child.on('error', reject);
    child.on('close', () => resolve(text));
  });
  const summary = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
  const report = {
    machine: { cores: cpus().length, model: cpus()[0]?.model },
    concurrency: concurrency ? Number(concurrency) : 'default',
    ...summary,
  };
  writeFileSync(join(out, 'import-rate.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
