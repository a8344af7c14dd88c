import { waitFor } from '@cityloop/testing';
import { bearer, countRows, reportBody, TestStack } from '../support/service-processes';

let stack: TestStack;

beforeAll(async () => {
  stack = await TestStack.create('crash', ['intake', 'projections']);
  await stack.start();
  stack.service('intake').actAs(bearer('operator'));
  stack.service('projections').actAs(bearer('command'));
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

const totalCases = async (): Promise<number> =>
  (await stack.service('projections').get<{ total: number }>('/api/v1/cases?limit=1')).body.total;

describe('projections killed with SIGKILL halfway through a stream of reports', () => {
  it('ends with exactly one case per accepted report', async () => {
    const intake = stack.service('intake');
    const projections = stack.service('projections');
    const reports = 1000;
    let accepted = 0;
    let next = 0;
    let killed = false;

    const sender = async () => {
      while (next < reports) {
        const n = next++;
        const { status } = await intake.post('/api/v1/reports', reportBody(n));
        if (status === 201) accepted++;
        if (n === reports / 2 && !killed) {
          killed = true;
          await projections.kill('SIGKILL');
          void projections.start();
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, sender));
    expect(accepted).toBe(reports);
    expect(killed).toBe(true);

    await waitFor(
      () => projections.health(),
      (s) => s === 200,
      { timeoutMs: 60_000, what: 'projections back' },
    );
    await waitFor(totalCases, (n) => n >= reports, { timeoutMs: 90_000, what: `${reports} cases` });
    await new Promise((r) => setTimeout(r, 1000)); // a double count would land now
    expect(await totalCases()).toBe(reports);
    expect(await countRows(stack, 'projections.case_timeline')).toBe(reports);
    expect(await countRows(stack, 'projections.consumed_events')).toBe(reports);
  });
});
