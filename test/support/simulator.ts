import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestStack } from './service-processes';

/** The built CLI (the suites build first): the simulator, the import and the rebuild as users run them. */
export const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');

/** The summary a CLI command prints last, as one line of JSON. */
export const lastJsonLine = (stdout: string): unknown => JSON.parse(stdout.trim().split('\n').at(-1)!);

export interface SimulationSummary {
  errors: string[];
  byOutcome: Record<string, number>;
}

/**
 * `npm run simulate` against a test stack's services: `cases` seeded cases over two quarters from
 * 2026-04-01, eight at a time, with the importer's business times.
 */
export async function simulate(stack: TestStack, cases: number, seed: number): Promise<SimulationSummary> {
  const url = (service: 'intake' | 'dispatch' | 'disposal' | 'verification') =>
    `http://127.0.0.1:${stack.service(service).port}`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      CLI,
      'simulate',
      '--seed',
      String(seed),
      '--cases',
      String(cases),
      '--from',
      '2026-04-01',
      '--quarters',
      '2',
      '--concurrency',
      '8',
    ],
    {
      env: {
        ...process.env,
        INTAKE_URL: url('intake'),
        DISPATCH_URL: url('dispatch'),
        DISPOSAL_URL: url('disposal'),
        VERIFICATION_URL: url('verification'),
      },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return lastJsonLine(stdout) as SimulationSummary;
}
