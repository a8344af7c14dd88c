import { CliUsageError } from '../token/issue-token.command';
import { isLocalDate } from './business-clock';
import { runSimulation, type SimulationOptions } from './run-simulation';

export const SIMULATE_USAGE =
  'usage: simulate [--seed N] [--from YYYY-MM-DD] [--quarters N] [--cases N] [--concurrency N] ' +
  '[--hot-spots N] [--dry-run]';

const INTEGER_FLAGS = {
  '--seed': 'seed',
  '--quarters': 'quarters',
  '--cases': 'cases',
  '--concurrency': 'concurrency',
  '--hot-spots': 'hotSpots',
} as const;

/** The command's flags as simulation options (the rest from the environment and defaults). */
export function parseSimulateArguments(args: string[]): Partial<SimulationOptions> {
  const options: Partial<SimulationOptions> = {};
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    if (flag === '--dry-run') {
      options.dryRun = true;
      continue;
    }
    const value = args[++i];
    if (value === undefined) throw new CliUsageError(`${flag} needs a value\n${SIMULATE_USAGE}`);
    if (flag === '--from') {
      if (!isLocalDate(value)) throw new CliUsageError(`--from takes a date YYYY-MM-DD, not ${value}`);
      options.from = value;
    } else if (flag in INTEGER_FLAGS) {
      const n = Number(value);
      const least = flag === '--seed' || flag === '--hot-spots' ? 0 : 1;
      if (!Number.isSafeInteger(n) || n < least) {
        throw new CliUsageError(`${flag} takes a whole number of at least ${least}, not ${value}`);
      }
      options[INTEGER_FLAGS[flag as keyof typeof INTEGER_FLAGS]] = n;
    } else {
      throw new CliUsageError(`unknown option ${flag}\n${SIMULATE_USAGE}`);
    }
  }
  return options;
}

/**
 * `simulate`: a seeded district driven through the running services (see runSimulation). Progress
 * on stderr; the summary as one JSON line on stdout: {seed, cases, requests, seconds,
 * casesPerSecond, requestsPerSecond, byOutcome, ...}. Exits non-zero when it stopped early.
 */
export async function simulateCommand(args: string[], log: (line: string) => void): Promise<string> {
  const summary = await runSimulation(parseSimulateArguments(args), (line) => log(`simulate: ${line}`));
  if (summary.aborted) process.exitCode = 1;
  return JSON.stringify(summary);
}
