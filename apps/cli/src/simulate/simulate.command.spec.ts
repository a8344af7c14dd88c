import { CliUsageError } from '../token/issue-token.command';
import { parseSimulateArguments } from './simulate.command';

describe('simulate command arguments', () => {
  it('reads every option', () => {
    expect(
      parseSimulateArguments([
        '--seed',
        '7',
        '--from',
        '2026-01-01',
        '--quarters',
        '1',
        '--cases',
        '300',
        '--concurrency',
        '8',
        '--hot-spots',
        '0',
        '--dry-run',
      ]),
    ).toEqual({
      seed: 7,
      from: '2026-01-01',
      quarters: 1,
      cases: 300,
      concurrency: 8,
      hotSpots: 0,
      dryRun: true,
    });
    expect(parseSimulateArguments([])).toEqual({});
    expect(parseSimulateArguments(['--from', '2026-08-01', '--to', '2026-11-26'])).toEqual({
      from: '2026-08-01',
      to: '2026-11-26',
    });
    expect(parseSimulateArguments(['--live', '--rate', '60'])).toEqual({ live: true, rate: 60 });
  });

  it('refuses unknown options, missing values, bad numbers and bad dates', () => {
    for (const args of [
      ['--speed', '2'],
      ['--cases'],
      ['--cases', '0'],
      ['--cases', '1.5'],
      ['--concurrency', 'many'],
      ['--seed', '-1'],
      ['--from', '2026-02-30'],
      ['--from', '1/4/2026'],
      ['--to', '2026-13-01'],
      ['--rate', '0'],
    ]) {
      expect(() => parseSimulateArguments(args)).toThrow(CliUsageError);
    }
  });
});
