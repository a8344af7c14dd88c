import { EventStore, deterministicUuid } from '@cityloop/event-store';
import { demoPackPath, DistrictReference, type ServiceConfig } from '@cityloop/service-kit';
import { openTestSchema, type TestSchema } from '@cityloop/testing';
import { CaseProgress } from '../case-progress/case-progress';
import { CaseStream } from '../cases/case-stream';
import { decide } from '../domain/case.decide';
import { initialCaseState } from '../domain/case.state';
import { OpenCases } from '../duplicates/open-cases';
import { FilingQueue } from '../filing/filing-queue';
import { IdempotencyKeys } from '../idempotency/idempotency-keys';
import { intakeMigrations } from '../migrations';
import { ReporterContacts } from '../reporters/reporter-contacts';
import { NewCaseWrites, type NewCase } from './new-case-writes';
import type { ReportCaseResponse } from './report-case.response';

const district = DistrictReference.load(demoPackPath());

/** Report n as the handler decides it: patrol reports file themselves; every third has a contact, every fourth a key. */
function newCase(n: number, label: string): NewCase {
  const id = (name: string) => deterministicUuid(`new-case-writes:${label}:${n}:${name}`);
  const cell = district.pack.cells[n * 11];
  const location = { lat: cell.centroid[1], lng: cell.centroid[0] };
  const placed = district.place(location);
  const source = n % 2 === 0 ? 'patrol' : 'hotline';
  const caseId = id('case');
  const events = decide(
    {
      kind: 'ReportCase',
      caseId,
      reportId: id('report'),
      source,
      categoryCode: district.pack.categories[n].code,
      location,
      placement: {
        gridCellCode: placed.cellCode,
        communityId: placed.communityId,
        streetId: placed.streetId,
      },
      description: `report ${n}`,
      urgency: 'normal',
      reportedAt: new Date('2026-07-06T01:00:00Z'),
      fileAutomatically: source === 'patrol',
    },
    initialCaseState,
  );
  return {
    caseId,
    reportId: id('report'),
    events,
    context: {
      actor: { role: 'operator', id: 'op-1' },
      correlationId: id('correlation'),
      occurredAt: new Date('2026-07-06T01:00:00Z'),
      idFor: (index) => id(`event:${index}`),
    },
    fileAutomatically: source === 'patrol',
    reporter: n % 3 === 0 ? { name: `caller ${n}`, phone: '13800000000' } : undefined,
    idempotency:
      n % 4 === 0
        ? {
            scope: 'POST /reports by op-1',
            key: `key-${label}-${n}`,
            fingerprint: `fingerprint ${n}`,
            response: { caseId, reportId: id('report') } as ReportCaseResponse,
          }
        : undefined,
  };
}

describe('NewCaseWrites: reports committed together, against Postgres', () => {
  let schema: TestSchema;
  let writes: NewCaseWrites;
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await schema.dataSource.query<{ n: string }[]>(sql, params))[0].n);

  beforeAll(async () => {
    schema = await openTestSchema('intake_new_cases', 'intake', intakeMigrations('intake'));
    const ds = schema.dataSource;
    // A pool of 3 leaves one transaction in flight: the reports arriving meanwhile form one group.
    writes = new NewCaseWrites(
      ds,
      { dbPoolSize: 3 } as ServiceConfig,
      new CaseStream(new EventStore(ds, 'intake', 'intake')),
      new OpenCases(ds, district),
      new FilingQueue(ds),
      new CaseProgress(district),
      new ReporterContacts(),
      new IdempotencyKeys(ds),
    );
  });
  afterAll(() => schema?.close());

  it('writes each report of a group as alone: its stream, open case, filing, progress, contact and key', async () => {
    const cases = Array.from({ length: 12 }, (_, n) => newCase(n, 'group'));
    const first = writes.commit(cases[0]);
    const results = await Promise.all(cases.slice(1).map((c) => writes.commit(c)));
    await first;
    expect(results.map((r) => r.duplicate)).toEqual(results.map(() => false));
    expect(results.map((r) => r.events[0].caseId)).toEqual(cases.slice(1).map((c) => c.caseId));

    const ids = cases.map((c) => c.caseId);
    // The eleven after the first went in one transaction.
    expect(
      await count(`SELECT count(DISTINCT transaction_id) AS n FROM events WHERE case_id = ANY($1::uuid[])`, [
        ids.slice(1),
      ]),
    ).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM events WHERE case_id = ANY($1::uuid[])`, [ids])).toBe(
      12 + 6, // every report, and a CaseFiled for each of the six patrol reports
    );
    expect(await count(`SELECT count(*) AS n FROM open_cases WHERE case_id = ANY($1::uuid[])`, [ids])).toBe(
      12,
    );
    const queued: { case_id: string }[] = await schema.dataSource.query(
      `SELECT case_id FROM filing_queue WHERE case_id = ANY($1::uuid[]) ORDER BY case_id`,
      [ids],
    );
    expect(queued.map((r) => r.case_id)).toEqual(
      cases
        .filter((c) => !c.fileAutomatically)
        .map((c) => c.caseId)
        .sort(),
    );
    const progress: { case_id: string; status: string }[] = await schema.dataSource.query(
      `SELECT case_id, status FROM case_progress WHERE case_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(new Map(progress.map((r) => [r.case_id, r.status]))).toEqual(
      new Map(cases.map((c) => [c.caseId, c.fileAutomatically ? 'filed' : 'reported'])),
    );
    expect(
      await count(`SELECT count(*) AS n FROM reporter_contacts WHERE case_id = ANY($1::uuid[])`, [ids]),
    ).toBe(4);
    expect(await count(`SELECT count(*) AS n FROM idempotency_keys WHERE key LIKE 'key-group-%'`)).toBe(3);
  });

  it('tells a repeat in the same group apart: the first is written, the second is the duplicate', async () => {
    const report = newCase(1, 'repeat');
    const first = writes.commit(newCase(2, 'repeat'));
    const [once, again] = await Promise.all([writes.commit(report), writes.commit({ ...report })]);
    await first;
    expect([once.duplicate, again.duplicate]).toEqual([false, true]);
    expect(again.events.map((e) => e.eventId)).toEqual(once.events.map((e) => e.eventId));
    expect(await count(`SELECT count(*) AS n FROM events WHERE case_id = $1`, [report.caseId])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM open_cases WHERE case_id = $1`, [report.caseId])).toBe(1);
  });
});
