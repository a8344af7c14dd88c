import { CliUsageError } from '../token/issue-token.command';
import { isLocalDate } from './business-clock';
import { runLiveSimulation } from './run-live-simulation';
import { runSimulation, type SimulationOptions } from './run-simulation';

export const SIMULATE_USAGE =
  'usage: simulate [--seed N] [--from YYYY-MM-DD] [--quarters N] [--cases N] [--concurrency N] ' +
  '[--hot-spots N] [--to YYYY-MM-DD] [--dry-run] | --live [--rate N] [--seed N]';

const INTEGER_FLAGS = {
  '--seed': 'seed',
  '--quarters': 'quarters',
  '--cases': 'cases',
  '--concurrency': 'concurrency',
  '--hot-spots': 'hotSpots',
  '--rate': 'rate',
} as const;

/** The command's flags as simulation options (the rest from the environment and defaults). */
export function parseSimulateArguments(args: string[]): Partial<SimulationOptions> {
  const options: Partial<SimulationOptions> = {};
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    if (flag === '--dry-run' || flag === '--live') {
      options[flag === '--live' ? 'live' : 'dryRun'] = true;
      continue;
    }
    const value = args[++i];
    if (value === undefined) throw new CliUsageError(`${flag} needs a value\n${SIMULATE_USAGE}`);
    if (flag === '--from' || flag === '--to') {
      if (!isLocalDate(value)) throw new CliUsageError(`${flag} takes a date YYYY-MM-DD, not ${value}`);
      options[flag === '--from' ? 'from' : 'to'] = value;
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
  const options = parseSimulateArguments(args);
  if (options.live) {
    await runLiveSimulation(options, (line) => log(`simulate: ${line}`));
    return '';
  }
  const summary = await runSimulation(options, (line) => log(`simulate: ${line}`));
  if (summary.aborted) process.exitCode = 1;
  return JSON.stringify(summary);
}
