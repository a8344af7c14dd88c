import { CliUsageError } from '../token/issue-token.command';
import { runImport } from './run-import';

export const IMPORT_USAGE =
  'usage: import <file.csv> --mapping <mapping.json> [--errors <errors.csv>] [--concurrency N]';

/**
 * `import`: backfill another 311 or 数字城管 system's export (run-import.ts). Progress on stderr;
 * the summary as one JSON line on stdout. Exits 1 when some good rows could not be imported (run
 * it again: what is done is not repeated); bad rows are in the error file, not a failure.
 */
export async function importCommand(args: string[], write: (text: string) => void): Promise<string> {
  let file: string | undefined;
  let mappingPath: string | undefined;
  let errorsPath: string | undefined;
  let concurrency = 24;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    if (!flag.startsWith('--')) {
      if (file) throw new CliUsageError(`one export file at a time\n${IMPORT_USAGE}`);
      file = flag;
      continue;
    }
    const value = args[++i];
    if (value === undefined) throw new CliUsageError(`${flag} needs a value\n${IMPORT_USAGE}`);
    if (flag === '--mapping') mappingPath = value;
    else if (flag === '--errors') errorsPath = value;
    else if (flag === '--concurrency' && /^[1-9]\d{0,3}$/.test(value)) concurrency = Number(value);
    else throw new CliUsageError(`unknown option or bad value: ${flag} ${value}\n${IMPORT_USAGE}`);
  }
  if (!file || !mappingPath) throw new CliUsageError(IMPORT_USAGE);
  const summary = await runImport({
    file,
    mappingPath,
    errorsPath,
    concurrency,
    waitTimeoutMs: 120_000,
    write,
  });
  if (summary.failed > 0) process.exitCode = 1;
  return JSON.stringify(summary);
}
