import type { CaseEnvelope } from '@cityloop/contracts';
import { openTestSchema, sampleCaseReported, type TestSchema } from '@cityloop/testing';
import type { EventConsumers, ConsumerRegistration } from '../event-consumers';
import type { ServiceConfig } from '../service-config';
import { CaseBriefs } from './case-briefs';
import { caseBriefsMigration } from './case-briefs.migration';

describe('case briefs kept from a batch of reports', () => {
  let schema: TestSchema;
  let briefs: CaseBriefs;
  let registration: ConsumerRegistration;

  beforeAll(async () => {
    schema = await openTestSchema('case_briefs', 'disposal', [caseBriefsMigration('disposal')]);
    const consumers = {
      register: (r: ConsumerRegistration) => (registration = r),
    } as unknown as EventConsumers;
    briefs = new CaseBriefs(consumers, { service: 'disposal' } as ServiceConfig, schema.dataSource);
  });
  afterAll(() => schema.close());

  const report = (caseId: string, description: string) =>
    sampleCaseReported({
      caseId,
      payload: { ...sampleCaseReported().payload, description, addressText: `${description}路 1 号` },
    }) as CaseEnvelope;

  it("keeps a batch's briefs in one statement, a case's first report winning, a redelivery adding nothing", async () => {
    const first = report('00000000-0000-4000-8000-0000000000b1', '垃圾满溢');
    const second = report('00000000-0000-4000-8000-0000000000b2', '井盖缺失');
    const again = report(first.caseId, '第二次来电');
    let statements = 0;
    await schema.dataSource.transaction(async (manager) => {
      const query = manager.query.bind(manager);
      manager.query = ((...args: Parameters<typeof query>) => {
        statements += 1;
        return query(...args);
      }) as typeof manager.query;
      await registration.batchHandler!([first, second, again], manager);
    });
    expect(statements).toBe(1);
    await schema.dataSource.transaction((manager) => registration.batchHandler!([again, second], manager));

    const kept = await briefs.of([first.caseId, second.caseId]);
    expect(kept.get(first.caseId)).toEqual({
      categoryCode: '0201',
      source: 'hotline',
      description: '垃圾满溢',
      addressText: '垃圾满溢路 1 号',
      location: { lat: 31.23, lng: 121.47 },
      urgency: 'normal',
      reportedAt: '2026-03-02T01:30:00.000Z',
    });
    expect(kept.get(second.caseId)?.description).toBe('井盖缺失');
    const [{ count }] = await schema.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM case_briefs',
    );
    expect(count).toBe(2);
  });

  it('keeps one report through the handler of one event alike', async () => {
    const one = report('00000000-0000-4000-8000-0000000000b3', '占道经营');
    await schema.dataSource.transaction((manager) => registration.handlers.CaseReported(one, manager));
    expect((await briefs.of([one.caseId])).get(one.caseId)?.description).toBe('占道经营');
  });
});
