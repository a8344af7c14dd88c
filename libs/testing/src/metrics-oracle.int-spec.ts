// The metrics oracle (test/support/metrics-oracle.ts) against a small hand-made history whose
// figures are worked out by hand below. It lives here because jest's int project picks up
// {apps,libs}/**/*.int-spec.ts only. Postgres only: no Kafka.
import { eventStoreMigration } from '@cityloop/event-store';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import {
  oracleAsOf,
  oracleCases,
  oracleMetrics,
  type OracleCase,
  type OracleQuery,
  type OracleStats,
} from '../../../test/support/metrics-oracle';
import { createTestDatabase, type TestDatabase } from './test-database';

// ---------------------------------------------------------------------------------------------
// A tiny event writer: stream versions count up per stream in the order events are written.

type Service = 'intake' | 'dispatch' | 'disposal' | 'verification';
interface Row {
  service: Service;
  streamId: string;
  streamVersion: number;
  caseId: string | null;
  type: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

const rows: Row[] = [];
const versions = new Map<string, number>();

/** A local instant of 2026 in Asia/Shanghai (UTC+8): at('07-06 10:00') or at('07-12 23:59:59'). */
const at = (local: string): string => {
  const [date, time] = local.split(' ');
  return new Date(`2026-${date}T${time.length === 5 ? `${time}:00` : time}+08:00`).toISOString();
};

function write(
  service: Service,
  streamId: string,
  caseId: string | null,
  type: string,
  when: string,
  payload = {},
) {
  const streamVersion = (versions.get(`${service}/${streamId}`) ?? 0) + 1;
  versions.set(`${service}/${streamId}`, streamVersion);
  rows.push({ service, streamId, streamVersion, caseId, type, occurredAt: at(when), payload });
}

const caseId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const orderId = (name: string) =>
  `00000000-0000-4000-9000-${Buffer.from(name).toString('hex').padStart(12, '0')}`;

interface Place {
  cell: string;
  lat: number;
  lng: number;
}
const intake = (c: number, type: string, when: string, payload = {}) =>
  write('intake', `case-${caseId(c)}`, caseId(c), type, when, payload);
const dispatchEvent = (c: number, type: string, when: string, payload = {}) =>
  write('dispatch', `case-${caseId(c)}`, caseId(c), type, when, payload);
const orderEvent = (c: number, order: string, type: string, when: string, payload = {}) =>
  write('disposal', `order-${orderId(order)}`, caseId(c), type, when, {
    orderId: orderId(order),
    ...payload,
  });
const check = (c: number, verification: string, order: string, type: string, when: string) =>
  write('verification', `verification-${verification}`, caseId(c), type, when, {
    verificationId: verification,
    orderId: orderId(order),
  });

const report = (
  c: number,
  when: string,
  source: string,
  categoryCode: string,
  place: Place,
  onset?: string,
) =>
  intake(c, 'CaseReported', when, {
    reportId: randomUUID(),
    source,
    categoryCode,
    location: { lat: place.lat, lng: place.lng },
    description: 'test',
    urgency: 'normal',
    reportedAt: at(when),
    gridCellCode: place.cell,
    communityId: place.cell.slice(0, 12),
    streetId: place.cell.slice(0, 9),
    ...(onset ? { onsetAt: at(onset) } : {}),
  });
const attach = (c: number, when: string, source: string, place: Place, onset: string) =>
  intake(c, 'ReportAttached', when, {
    reportId: randomUUID(),
    source,
    location: { lat: place.lat, lng: place.lng },
    gridCellCode: place.cell,
    description: 'again',
    onsetAt: at(onset),
    reportedAt: at(when),
    distanceMetres: 100,
  });
const patrolPass = (when: string, cells: Place[]) =>
  write('intake', `patrol-${randomUUID()}`, null, 'PatrolPassLogged', when, {
    patrolId: randomUUID(),
    patrollerId: 'p1',
    cellCodes: cells.map((p) => p.cell),
    passedAt: at(when),
  });
const file = (c: number, when: string) => intake(c, 'CaseFiled', when, { filedAt: at(when) });
const reject = (c: number, when: string) =>
  intake(c, 'CaseRejected', when, { rejectedAt: at(when), reason: 'not a city problem' });
const dispatch = (c: number, order: string, departmentId: string, when: string, deadline: string) =>
  dispatchEvent(c, 'CaseDispatched', when, {
    orderId: orderId(order),
    departmentId,
    dispatchedAt: at(when),
    deadlineAt: at(deadline),
  });
const extend = (c: number, order: string, when: string, deadline: string) =>
  dispatchEvent(c, 'ExtensionApproved', when, { orderId: orderId(order), deadlineAt: at(deadline) });
const postpone = (c: number, order: string, when: string) =>
  dispatchEvent(c, 'CasePostponed', when, { orderId: orderId(order), postponedAt: at(when) });
const resume = (c: number, order: string, when: string, deadline: string) =>
  dispatchEvent(c, 'CaseResumed', when, {
    orderId: orderId(order),
    resumedAt: at(when),
    deadlineAt: at(deadline),
  });
const approveReturn = (c: number, order: string, when: string) =>
  dispatchEvent(c, 'ReturnApproved', when, { orderId: orderId(order), decidedAt: at(when) });
const sign = (c: number, order: string, when: string) => orderEvent(c, order, 'OrderSigned', when);
const disposed = (c: number, order: string, when: string) => orderEvent(c, order, 'DisposalReported', when);
const sentBack = (c: number, order: string, when: string) =>
  orderEvent(c, order, 'OrderSentBackForRework', when);
const failed = (c: number, v: string, order: string, when: string) =>
  check(c, v, order, 'VerificationFailed', when);
const closed = (c: number, v: string, order: string, when: string) => check(c, v, order, 'CaseClosed', when);
const followUp = (c: number, when: string, satisfaction: string) =>
  intake(c, 'FollowUpRecorded', when, { satisfaction, recordedAt: at(when) });
const reopen = (c: number, when: string) =>
  intake(c, 'CaseReopened', when, { reopenedAt: at(when), reason: 'unsatisfied-follow-up' });

// ---------------------------------------------------------------------------------------------
// The history. Streets S1 = 310199001, S2 = 310199002 and S3 = 310199003; categories 1102 (garbage)
// and 0101.

const S1 = '310199001';
const S2 = '310199002';
const S3 = '310199003';
const A1: Place = { cell: '310199001001001', lat: 31.23, lng: 121.47 };
const A1b: Place = { cell: '310199001001001', lat: 31.2301, lng: 121.4701 };
const A2: Place = { cell: '310199001001002', lat: 31.233, lng: 121.473 }; // ~440 m from A1
const A3: Place = { cell: '310199001002001', lat: 31.235, lng: 121.465 };
const A4: Place = { cell: '310199001003001', lat: 31.24, lng: 121.48 };
const A5: Place = { cell: '310199001003002', lat: 31.24036, lng: 121.48 }; // ~40 m from A4
const B1: Place = { cell: '310199002001001', lat: 31.25, lng: 121.5 };
const B2: Place = { cell: '310199002001002', lat: 31.253, lng: 121.503 };
const B3: Place = { cell: '310199002002001', lat: 31.26, lng: 121.51 };
const D1: Place = { cell: '310199003001001', lat: 31.27, lng: 121.52 };
const D2: Place = { cell: '310199003001002', lat: 31.28, lng: 121.53 };

function history() {
  // C0: reported one second before the period (local time): outside.
  report(0, '07-05 23:59:59', 'app', '1102', A2);

  // C1 (the worked example): hotline, no "since when": onset = the last patrol pass over A1 strictly
  // before the report (08:00; not 07:00, not the 10:30 pass after it) -> discover 7,200 s. Filed 10:30
  // (1,800 s), dispatched at once (0 s), deadline 16:00. Disposal 15:00, check fails 15:30 (rework),
  // disposal again 16:30 (late; calendar 21,600 s from dispatch, 19,800 s from signing 11:00).
  // Closed 17:00 (25,200 s; late). Follow-up satisfied. Rebounded by C13's caller onset.
  patrolPass('07-06 07:00', [A1, A2]);
  patrolPass('07-06 08:00', [A1]);
  report(1, '07-06 10:00', 'hotline', '1102', A1);
  patrolPass('07-06 10:30', [A1]);
  file(1, '07-06 10:30');
  dispatch(1, 'O1', 'sanitation', '07-06 10:30', '07-06 16:00');
  sign(1, 'O1', '07-06 11:00');
  disposed(1, 'O1', '07-06 15:00');
  failed(1, 'v1a', 'O1', '07-06 15:30');
  sentBack(1, 'O1', '07-06 15:30');
  disposed(1, 'O1', '07-06 16:30');
  closed(1, 'v1b', 'O1', '07-06 17:00');
  followUp(1, '07-07 09:00', 'satisfied');

  // C2: app with a "since when" 06:00; an attached hotline report says 05:00: the earliest wins ->
  // 10,800 s (the 07:00 patrol pass over A2 is not used). Filed 08:10 (600 s), dispatched 08:20
  // (600 s), deadline 12:20 extended to 07-08 12:00. Disposed 07-08 11:00: on time against the
  // extended deadline; calendar 96,000 s (93,600 s from signing 09:00). Not closed.
  report(2, '07-07 08:00', 'app', '1102', A2, '07-07 06:00');
  file(2, '07-07 08:10');
  dispatch(2, 'O2', 'sanitation', '07-07 08:20', '07-07 12:20');
  attach(2, '07-07 09:00', 'hotline', A2, '07-07 05:00');
  sign(2, 'O2', '07-07 09:00');
  extend(2, 'O2', '07-07 11:00', '07-08 12:00');
  disposed(2, 'O2', '07-08 11:00');

  // C6: hotline, caller onset 13:00 -> 3,600 s. Filed 14:30 (1,800 s). Dispatched to urban
  // management 14:40 (time-to-dispatch 600 s), returned, re-dispatched to sanitation 16:10. Disposed
  // 07-08 10:00, closed 07-10 16:00; the caller is unsatisfied (first verdict) and reopens; a third
  // order to sanitation 07-11 09:20 (deadline 13:20), signed 10:00, disposed 12:00 (9,600 s; 7,200 s
  // from signing), closed 13:00 (on time; time-to-close 342,000 s). Two departments: wrong dispatch.
  // A later follow-up 'satisfied' does not replace the first verdict. Rebounded by C9, 40 m away.
  report(6, '07-07 14:00', 'hotline', '1102', A4, '07-07 13:00');
  file(6, '07-07 14:30');
  dispatch(6, 'O6a', 'urban-management', '07-07 14:40', '07-08 14:40');
  approveReturn(6, 'O6a', '07-07 16:00');
  dispatch(6, 'O6b', 'sanitation', '07-07 16:10', '07-08 16:10');
  sign(6, 'O6b', '07-08 08:00');
  disposed(6, 'O6b', '07-08 10:00');
  closed(6, 'v6a', 'O6b', '07-10 16:00');
  followUp(6, '07-11 09:00', 'unsatisfied');
  reopen(6, '07-11 09:10');
  dispatch(6, 'O6c', 'sanitation', '07-11 09:20', '07-11 13:20');
  sign(6, 'O6c', '07-11 10:00');
  disposed(6, 'O6c', '07-11 12:00');
  closed(6, 'v6b', 'O6c', '07-11 13:00');
  followUp(6, '07-12 10:00', 'satisfied');

  // C3: patrol report in B1, no pass over B1 before it: onset unknown. Filed 09:00 (0 s), dispatched
  // 09:30 (1,800 s), deadline 13:30; disposed 14:00 (late; 16,200 s; 14,400 s from signing 10:00);
  // closed 15:00 (21,600 s; late). Not rebounded: C7 is rejected, C10 comes a minute after the
  // window, C14's onset is a patrol pass.
  report(3, '07-08 09:00', 'patrol', '1102', B1);
  file(3, '07-08 09:00');
  dispatch(3, 'O3', 'sanitation', '07-08 09:30', '07-08 13:30');
  sign(3, 'O3', '07-08 10:00');
  disposed(3, 'O3', '07-08 14:00');
  closed(3, 'v3', 'O3', '07-08 15:00');

  // C4: video in B2, category 0101; its "since when" (11:00) is after the report, so the patrol pass
  // 08:00 is the onset -> 7,200 s. Filed 10:00, dispatched to urban management 10:15 (900 s),
  // deadline 07-10 10:15; postponed (缓办) and never resumed.
  patrolPass('07-09 08:00', [B2, B3]);
  report(4, '07-09 10:00', 'video', '0101', B2, '07-09 11:00');
  file(4, '07-09 10:00');
  dispatch(4, 'O4', 'urban-management', '07-09 10:15', '07-10 10:15');
  postpone(4, 'O4', '07-09 14:00');

  // C7: hotline in B1, rejected: only in the hotline response rate.
  report(7, '07-09 12:00', 'hotline', '1102', B1);
  reject(7, '07-09 12:30');

  // C5: patrol in A3, onset unknown. Filed 09:05 (300 s), dispatched to greening 09:10 (300 s),
  // deadline 13:10; postponed 10:00, resumed 11:00 with the deadline moved to 14:10. Never disposed:
  // overdue and open.
  report(5, '07-10 09:00', 'patrol', '1102', A3);
  file(5, '07-10 09:05');
  dispatch(5, 'O5', 'greening', '07-10 09:10', '07-10 13:10');
  postpone(5, 'O5', '07-10 10:00');
  resume(5, 'O5', '07-10 11:00', '07-10 14:10');

  // C8: hotline in B3, category 0101, caller onset 19:00 -> 3,600 s; no filing decision yet.
  report(8, '07-11 20:00', 'hotline', '0101', B3, '07-11 19:00');

  // C11: imported, the last second of the period; onset the 07-09 08:00 pass over B3 -> 316,799 s.
  report(11, '07-12 23:59:59', 'import', '0101', B3);

  // C12: the first second after the period (and another category than C1's in C1's cell).
  report(12, '07-13 00:00', 'app', '0101', A1);

  // Street S3, department water: ties and a case back in rework.
  // C15: disposed 12:00, the check fails 13:00: back in rework (disposed_at null), overdue and open.
  report(15, '07-09 09:00', 'patrol', '1102', D1);
  file(15, '07-09 09:00');
  dispatch(15, 'O15', 'water', '07-09 09:00', '07-09 17:00');
  sign(15, 'O15', '07-09 09:30');
  disposed(15, 'O15', '07-09 12:00');
  failed(15, 'v15', 'O15', '07-09 13:00');
  sentBack(15, 'O15', '07-09 13:00');
  // C16: ties of business time. An extension at the dispatch's instant (later in the stream) sets the
  // deadline to 15:00; a failed check at the disposal's instant (another service) is not after it:
  // disposed 12:00 (10,800 s); a reopen at the closure's instant is not after it: closed 14:00 (18,000 s).
  report(16, '07-10 09:00', 'video', '1102', D2);
  file(16, '07-10 09:00');
  dispatch(16, 'O16', 'water', '07-10 09:00', '07-10 12:00');
  extend(16, 'O16', '07-10 09:00', '07-10 15:00');
  sign(16, 'O16', '07-10 10:00');
  disposed(16, 'O16', '07-10 12:00');
  failed(16, 'v16a', 'O16', '07-10 12:00');
  closed(16, 'v16b', 'O16', '07-10 14:00');
  reopen(16, '07-10 14:00');

  // Rebound candidates, in August.
  // C13: same cell as C1, reported after C1's window (closed 07-06 17:00, window to 08-05 17:00) but
  // with a caller onset inside it: rebounds C1.
  report(13, '08-06 09:00', 'hotline', '1102', A1b, '08-05 16:00');
  // C10: in C3's cell, one minute after C3's window (to 08-07 15:00): no rebound. Its onset is the
  // 10:00 pass -> 18,060 s.
  patrolPass('08-07 10:00', [B1]);
  report(10, '08-07 15:01', 'hotline', '1102', B1);
  // C14: in C3's cell, reported after the window; its onset (the 08-07 10:00 pass, inside the
  // window) is a patrol pass, which never makes a rebound. Onset -> 82,800 s.
  report(14, '08-08 09:00', 'patrol', '1102', B1);
  // C9: 40 m from C6 in another cell, one minute inside C6's window (closed 07-11 13:00, window to
  // 08-10 13:00): rebounds C6. The latest event of all: asOf = 08-10 12:59.
  report(9, '08-10 12:59', 'app', '1102', A5);

  // The order timers' events do not move the clock, whatever their times.
  dispatchEvent(5, 'DeadlineReminderRaised', '07-10 12:26', { orderId: orderId('O5') });
  dispatchEvent(5, 'OrderEscalated', '08-20 10:00', { orderId: orderId('O5') });
}

// ---------------------------------------------------------------------------------------------

let db: TestDatabase;
let client: Client;

beforeAll(async () => {
  db = await createTestDatabase('metrics_oracle');
  client = new Client({ connectionString: db.url });
  await client.connect();
  const runner = { query: (sql: string) => client.query(sql) } as unknown as QueryRunner;
  for (const schema of ['intake', 'dispatch', 'disposal', 'verification']) {
    await client.query(`CREATE SCHEMA ${schema}`);
    await new (eventStoreMigration(schema))().up(runner);
  }
  history();
  for (const row of rows) {
    await client.query(
      `INSERT INTO ${row.service}.events
         (event_id, stream_id, stream_version, case_id, type, schema_version, occurred_at, correlation_id, actor, payload)
       VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9)`,
      [
        randomUUID(),
        row.streamId,
        row.streamVersion,
        row.caseId,
        row.type,
        row.occurredAt,
        randomUUID(),
        { role: 'test', id: 'oracle' },
        row.payload,
      ],
    );
  }
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

const AS_OF = '2026-08-10T04:59:00.000Z';
const july = (extra: Partial<OracleQuery> = {}): OracleQuery => ({
  subject: 'street',
  from: '2026-07-06',
  to: '2026-07-12',
  timeZone: 'Asia/Shanghai',
  asOf: AS_OF,
  radiusMetres: 250,
  windowDays: 30,
  ...extra,
});

/** Statistics computed by hand; the SQL's double precision may differ in the last bits. */
const close = (value: number): number => expect.closeTo(value, 6);
const stats = (count: number, mean: number, median: number, p90: number, max: number): OracleStats => ({
  count,
  mean: close(mean),
  median: close(median),
  p90: close(p90),
  max: close(max),
});
const none: OracleStats = { count: 0, mean: null, median: null, p90: null, max: null };
const r = (numerator: number, denominator: number) => ({ numerator, denominator });

const s3Figures = {
  timeToDiscover: none,
  unknownOnset: 2,
  reported: 2,
  proactive: 2,
  missedReports: 0,
  timeToFile: stats(2, 0, 0, 0, 0),
  timeToDispatch: stats(2, 0, 0, 0, 0),
  timeToDispose: { calendar: stats(1, 10800, 10800, 10800, 10800), working: { count: 1 } },
  timeToClose: stats(1, 18000, 18000, 18000, 18000),
  due: 2,
  rates: {
    disposal: r(1, 2),
    onTimeDisposal: r(1, 2),
    rework: r(2, 2),
    overdueOpen: r(1, 2),
    extension: r(1, 2),
    closure: r(1, 2),
    onTimeClosure: r(1, 2),
    wrongDispatch: r(0, 2),
  },
  // C16's window ended 08-09 14:00, before asOf.
  rebound: { closed: 1, rebounded: 0, provisional: false },
  hotline: { response: r(0, 0), resolution: r(0, 0), satisfaction: r(0, 0) },
};

describe('the metrics oracle', () => {
  it("takes asOf as the latest business time among all events but the order timers'", async () => {
    expect(await oracleAsOf(client)).toBe(AS_OF);
  });

  it('rebuilds the case record', async () => {
    const cases = new Map((await oracleCases(client)).map((c) => [c.case_id, c]));
    const of = (n: number): OracleCase => cases.get(caseId(n))!;
    expect(cases.size).toBe(17);
    expect(of(1)).toMatchObject({
      onset_basis: 'patrol-pass',
      onset_at: new Date(at('07-06 08:00')),
      disposed_at: new Date(at('07-06 16:30')),
      verification_failures: 1,
      closed_at: new Date(at('07-06 17:00')),
      satisfaction: 'satisfied',
    });
    expect(of(2)).toMatchObject({
      onset_basis: 'caller',
      onset_at: new Date(at('07-07 05:00')),
      first_source: 'app',
      deadline_at: new Date(at('07-08 12:00')),
      extended: true,
    });
    expect(of(4)).toMatchObject({
      onset_basis: 'patrol-pass',
      postponed: true,
      department_id: 'urban-management',
    });
    expect(of(5)).toMatchObject({
      onset_basis: null,
      postponed: false,
      deadline_at: new Date(at('07-10 14:10')),
    });
    expect(of(6)).toMatchObject({
      order_id: orderId('O6c'),
      department_id: 'sanitation',
      department_count: 2,
      first_dispatched_at: new Date(at('07-07 14:40')),
      deadline_at: new Date(at('07-11 13:20')),
      signed_at: new Date(at('07-11 10:00')),
      closed_at: new Date(at('07-11 13:00')),
      satisfaction: 'unsatisfied',
    });
    expect(of(7)).toMatchObject({ rejected: true, department_id: null });
    expect(of(14)).toMatchObject({ onset_basis: 'patrol-pass', onset_at: new Date(at('08-07 10:00')) });
    expect(of(15)).toMatchObject({ disposed_at: null, verification_failures: 1, closed_at: null });
    expect(of(16)).toMatchObject({
      deadline_at: new Date(at('07-10 15:00')),
      disposed_at: new Date(at('07-10 12:00')),
      verification_failures: 1,
      closed_at: new Date(at('07-10 14:00')),
    });
  });

  it('computes the street figures of the period', async () => {
    expect(await oracleMetrics(client, july())).toEqual([
      {
        streetId: S1,
        timeToDiscover: stats(3, 7200, 7200, 10080, 10800),
        unknownOnset: 1,
        reported: 4,
        proactive: 1,
        missedReports: 3,
        timeToFile: stats(4, 1125, 1200, 1800, 1800),
        timeToDispatch: stats(4, 375, 450, 600, 600),
        timeToDispose: { calendar: stats(3, 42400, 21600, 81120, 96000), working: { count: 3 } },
        timeToClose: stats(2, 183600, 183600, 310320, 342000),
        due: 4,
        rates: {
          disposal: r(3, 4),
          onTimeDisposal: r(2, 4),
          rework: r(1, 4),
          overdueOpen: r(1, 4),
          extension: r(1, 4),
          closure: r(2, 4),
          onTimeClosure: r(1, 4),
          wrongDispatch: r(1, 4),
        },
        // C6's window ends 08-10 13:00, after asOf 08-10 12:59.
        rebound: { closed: 2, rebounded: 2, provisional: true },
        hotline: { response: r(2, 2), resolution: r(2, 2), satisfaction: r(1, 2) },
      },
      {
        streetId: S2,
        timeToDiscover: stats(3, 327599 / 3, 7200, 7200 + 0.8 * (316799 - 7200), 316799),
        unknownOnset: 1,
        reported: 4,
        proactive: 2,
        missedReports: 1,
        timeToFile: stats(2, 0, 0, 0, 0),
        timeToDispatch: stats(2, 1350, 1350, 1710, 1800),
        timeToDispose: { calendar: stats(1, 16200, 16200, 16200, 16200), working: { count: 1 } },
        timeToClose: stats(1, 21600, 21600, 21600, 21600),
        due: 2,
        rates: {
          disposal: r(1, 2),
          onTimeDisposal: r(0, 2),
          rework: r(0, 2),
          overdueOpen: r(0, 2),
          extension: r(0, 2),
          closure: r(1, 1),
          onTimeClosure: r(0, 1),
          wrongDispatch: r(0, 2),
        },
        // C3's window ended 08-07 15:00, before asOf.
        rebound: { closed: 1, rebounded: 0, provisional: false },
        hotline: { response: r(1, 2), resolution: r(0, 0), satisfaction: r(0, 0) },
      },
      { streetId: S3, ...s3Figures },
    ]);
  });

  it('computes the department figures of the period', async () => {
    const zeroRates = (due: number, overdue = 0) => ({
      disposal: r(0, due),
      onTimeDisposal: r(0, due),
      rework: r(0, due),
      overdueOpen: r(overdue, due),
      extension: r(0, due),
      closure: r(0, overdue),
      onTimeClosure: r(0, overdue),
      wrongDispatch: r(0, due),
    });
    const noHotline = { response: r(0, 0), resolution: r(0, 0), satisfaction: r(0, 0) };
    expect(await oracleMetrics(client, july({ subject: 'department' }))).toEqual([
      {
        departmentId: 'greening',
        timeToDiscover: none,
        unknownOnset: 1,
        reported: 1,
        proactive: 1,
        missedReports: 0,
        timeToFile: stats(1, 300, 300, 300, 300),
        timeToDispatch: stats(1, 300, 300, 300, 300),
        timeToDispose: { calendar: none, working: { count: 0 } },
        timeToClose: none,
        due: 1,
        rates: zeroRates(1, 1),
        rebound: { closed: 0, rebounded: 0, provisional: false },
        hotline: noHotline,
      },
      {
        departmentId: 'sanitation',
        timeToDiscover: stats(3, 7200, 7200, 10080, 10800),
        unknownOnset: 1,
        reported: 4,
        proactive: 1,
        missedReports: 3,
        timeToFile: stats(4, 1050, 1200, 1800, 1800),
        timeToDispatch: stats(4, 750, 600, 1440, 1800),
        timeToDispose: { calendar: stats(4, 35850, 18900, 73680, 96000), working: { count: 4 } },
        timeToClose: stats(3, 129600, 25200, 278640, 342000),
        due: 4,
        rates: {
          disposal: r(4, 4),
          onTimeDisposal: r(2, 4),
          rework: r(1, 4),
          overdueOpen: r(0, 4),
          extension: r(1, 4),
          closure: r(3, 4),
          onTimeClosure: r(1, 4),
          wrongDispatch: r(1, 4),
        },
        rebound: { closed: 3, rebounded: 2, provisional: true },
        hotline: { response: r(2, 2), resolution: r(2, 2), satisfaction: r(1, 2) },
      },
      {
        // C4 only: C6's first order went here, but a case belongs to its current order's department.
        departmentId: 'urban-management',
        timeToDiscover: stats(1, 7200, 7200, 7200, 7200),
        unknownOnset: 0,
        reported: 1,
        proactive: 1,
        missedReports: 0,
        timeToFile: stats(1, 0, 0, 0, 0),
        timeToDispatch: stats(1, 900, 900, 900, 900),
        timeToDispose: { calendar: none, working: { count: 0 } },
        timeToClose: none,
        due: 1,
        rates: zeroRates(1, 0), // postponed: not overdue, out of the closure denominators
        rebound: { closed: 0, rebounded: 0, provisional: false },
        hotline: noHotline,
      },
      { departmentId: 'water', ...s3Figures },
    ]);
  });

  it('starts the disposal clock at signing where the district says so', async () => {
    const [, sanitation] = await oracleMetrics(
      client,
      july({ subject: 'department', disposalClockFrom: 'sign' }),
    );
    expect(sanitation.timeToDispose).toEqual({
      calendar: stats(4, 33750, 17100, 71460, 93600),
      working: { count: 4 },
    });
  });

  it('filters by category', async () => {
    const items = await oracleMetrics(client, july({ categoryCode: '0101' }));
    expect(items).toHaveLength(1); // S1's only 0101 case (C12) is after the period
    expect(items[0]).toMatchObject({
      streetId: S2,
      timeToDiscover: stats(3, 327599 / 3, 7200, 7200 + 0.8 * (316799 - 7200), 316799),
      unknownOnset: 0,
      reported: 3,
      proactive: 1,
      missedReports: 1,
      timeToFile: stats(1, 0, 0, 0, 0),
      timeToDispatch: stats(1, 900, 900, 900, 900),
      due: 1,
      rates: { closure: r(0, 0), overdueOpen: r(0, 1) },
      hotline: { response: r(0, 1), resolution: r(0, 0), satisfaction: r(0, 0) },
    });
  });

  it('counts the August reports, none of them dispatched', async () => {
    const august = july({ from: '2026-08-01', to: '2026-08-31' });
    expect(await oracleMetrics(client, { ...august, subject: 'department' })).toEqual([]);
    const [s1, s2] = await oracleMetrics(client, august);
    expect(s1).toMatchObject({
      streetId: S1,
      timeToDiscover: stats(1, 61200, 61200, 61200, 61200),
      unknownOnset: 1,
      reported: 2,
      proactive: 0,
      missedReports: 2,
      hotline: { response: r(0, 1) },
    });
    expect(s2).toMatchObject({
      streetId: S2,
      timeToDiscover: stats(2, 50430, 50430, 76326, 82800),
      unknownOnset: 0,
      reported: 2,
      proactive: 1,
      missedReports: 1,
      rebound: { closed: 0, rebounded: 0, provisional: false },
    });
  });

  it('makes no rebound without a caller onset or a report inside the window', async () => {
    // A window a day shorter: C13's onset (08-05 16:00) and C9's report fall outside; a day longer,
    // C10 comes inside C3's window.
    const shorter = await oracleMetrics(client, july({ windowDays: 29 }));
    expect(shorter.map((i) => i.rebound.rebounded)).toEqual([0, 0, 0]);
    const longer = await oracleMetrics(client, july({ windowDays: 31 }));
    expect(longer.map((i) => i.rebound)).toEqual([
      { closed: 2, rebounded: 2, provisional: true },
      { closed: 1, rebounded: 1, provisional: false },
      { closed: 1, rebounded: 0, provisional: true },
    ]);
    // A radius under C9's 40 m: C6 is no longer rebounded (C13 is in C1's cell, so C1 still is).
    const narrow = await oracleMetrics(client, july({ radiusMetres: 30 }));
    expect(narrow[0].rebound).toEqual({ closed: 2, rebounded: 1, provisional: true });
  });
});
