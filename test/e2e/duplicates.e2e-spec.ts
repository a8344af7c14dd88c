import { waitFor } from '@cityloop/testing';
import { bearer, pointInDistrict, reportBody, TestStack } from '../support/service-processes';

let stack: TestStack;

beforeAll(async () => {
  stack = await TestStack.create('dup', ['intake', 'dispatch', 'disposal', 'verification', 'projections'], {
    DUPLICATE_RADIUS_METRES: '250',
  });
  await stack.start();
  stack.service('intake').actAs(bearer('operator'));
}, 180_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

/** About `metres` north of a point (1° of latitude is about 111.2 km). */
const north = (p: { lat: number; lng: number }, metres: number) => ({
  lat: p.lat + metres / 111_195,
  lng: p.lng,
});

describe('duplicate reports (重复上报)', () => {
  it('attaches a report of the same category within 250 m to the open case, and shows the candidates first', async () => {
    const here = pointInDistrict(31);
    const first = await stack
      .service('intake')
      .post<{ caseId: string; duplicate: boolean }>('/api/v1/reports', {
        ...reportBody(31),
        location: here,
      });
    expect(first.body.duplicate).toBe(false);

    const nearby = north(here, 120);
    const { categoryCode } = reportBody(31);
    const candidates = await stack
      .service('intake')
      .get<{ items: { caseId: string; distanceMetres: number }[] }>(
        `/api/v1/reports/duplicates?categoryCode=${categoryCode}&lat=${nearby.lat}&lng=${nearby.lng}`,
      );
    expect(candidates).toMatchObject({ status: 200 });
    expect(candidates.body.items[0]).toMatchObject({ caseId: first.body.caseId });
    expect(candidates.body.items[0].distanceMetres).toBeGreaterThan(110);
    expect(candidates.body.items[0].distanceMetres).toBeLessThan(130);

    const second = await stack
      .service('intake')
      .post<{ caseId: string; duplicate: boolean }>('/api/v1/reports', {
        ...reportBody(31),
        location: nearby,
        source: 'app',
        description: '同一处垃圾',
      });
    expect(second.body).toMatchObject({ caseId: first.body.caseId, duplicate: true });

    const view = await waitFor(
      () =>
        stack
          .service('projections')
          .get<{ timeline: { type: string }[] }>(`/api/v1/cases/${first.body.caseId}`, bearer('command')),
      (r) => r.body.timeline?.some((t) => t.type === 'ReportAttached'),
      { what: 'the attached report on the timeline' },
    );
    expect(view.body.timeline.map((t) => t.type)).toEqual(['CaseReported', 'ReportAttached']);
  });

  it('opens a new case for another category, for a point farther than 250 m, and after a rejection', async () => {
    const here = pointInDistrict(41);
    const first = await stack
      .service('intake')
      .post<{ caseId: string }>('/api/v1/reports', { ...reportBody(41), location: here });
    const otherCategory = await stack
      .service('intake')
      .post<{ caseId: string; duplicate: boolean }>('/api/v1/reports', {
        ...reportBody(41),
        location: here,
        categoryCode: '1104',
      });
    expect(otherCategory.body.duplicate).toBe(false);
    const far = await stack.service('intake').post<{ duplicate: boolean }>('/api/v1/reports', {
      ...reportBody(41),
      location: north(here, 400),
    });
    expect(far.body.duplicate).toBe(false);

    const before = await stack
      .service('intake')
      .post<{ caseId: string; duplicate: boolean }>('/api/v1/reports', {
        ...reportBody(41),
        location: here,
      });
    expect(before.body).toMatchObject({ caseId: first.body.caseId, duplicate: true });
    await stack
      .service('intake')
      .post(
        `/api/v1/cases/${first.body.caseId}/filing`,
        { decision: 'reject', reason: '误报' },
        bearer('chief'),
      );
    const afterRejection = await stack
      .service('intake')
      .post<{ caseId: string; duplicate: boolean }>('/api/v1/reports', {
        ...reportBody(41),
        location: here,
      });
    expect(afterRejection.body.duplicate).toBe(false);
    expect(afterRejection.body.caseId).not.toBe(first.body.caseId);
  });
});
