import type { ServicesClient } from '../simulate/services-client';
import type { ImportCase } from './import-row';
import { ImportCaseRunner } from './import-case';

/**
 * The services as a record carried again after a crash finds them: the case reported and filed,
 * its check passed, and disposal not yet told of the closure (the order still reads disposed).
 */
function servicesAfterCrash(checkStatus: string) {
  const posts: string[] = [];
  const answers: Record<string, unknown> = {
    'POST /api/v1/reports': { caseId: 'case-1' },
    'GET /api/v1/orders?caseId=case-1': { items: [{ orderId: 'order-1', status: 'disposed' }] },
    'GET /api/v1/verifications?caseId=case-1': {
      items: [
        { verificationId: 'check-0', status: 'failed' },
        { verificationId: 'check-1', status: checkStatus },
      ],
    },
  };
  const answer = (method: string, path: string) => {
    if (method === 'POST') posts.push(path);
    return answers[`${method} ${path}`] ?? {};
  };
  const client = {
    expect: async (_service: string, method: string, path: string) => answer(method, path),
    send: async (_service: string, method: string, path: string) => {
      answer(method, path);
      return { status: 409, body: { code: 'CASE.NOT_AWAITING_FILING' } };
    },
  } as unknown as ServicesClient;
  return { client, posts };
}

const closedRecord: ImportCase = {
  rowNumber: 2,
  externalId: 'SR-1',
  outcome: 'closed',
  createdAt: new Date('2026-07-01T01:00:00Z'),
  closedAt: new Date('2026-07-03T01:00:00Z'),
  categoryCode: '0101',
  location: { lat: 31.23, lng: 121.47 },
  description: 'Pothole',
};

describe('carrying a record again after a crash', () => {
  it('takes a check that already passed as done, without waiting for an open one', async () => {
    const { client, posts } = servicesAfterCrash('closed');
    const runner = new ImportCaseRunner(client, 'city311', 300);
    await expect(runner.carry(closedRecord)).resolves.toBe('case-1');
    expect(posts).toEqual(['/api/v1/reports', '/api/v1/cases/case-1/filing']);
  });

  it('records the result of a check that is still open', async () => {
    const { client, posts } = servicesAfterCrash('open');
    const runner = new ImportCaseRunner(client, 'city311', 300);
    await expect(runner.carry(closedRecord)).resolves.toBe('case-1');
    expect(posts.at(-1)).toBe('/api/v1/verifications/check-1/result');
  });
});
