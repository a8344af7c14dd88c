import { demoPackPath, DistrictReference } from '@cityloop/service-kit';
import type { ExecutionContext } from '@nestjs/common';
import { Open311Error } from './errors/open311-error';
import { JurisdictionGuard } from './jurisdiction.guard';

const guard = new JurisdictionGuard(DistrictReference.load(demoPackPath()));
const calling = (query: Record<string, unknown>, body?: Record<string, unknown>) =>
  ({ switchToHttp: () => ({ getRequest: () => ({ query, body }) }) }) as unknown as ExecutionContext;

describe('jurisdiction_id', () => {
  it('may be left out, or name the district by its division code (as text or, in JSON, a number)', () => {
    expect(guard.canActivate(calling({}))).toBe(true);
    expect(guard.canActivate(calling({ jurisdiction_id: '310199' }))).toBe(true);
    expect(guard.canActivate(calling({}, { jurisdiction_id: 310199 }))).toBe(true);
  });

  it("is the spec's 404 when it names another, in the query or the body", () => {
    for (const context of [
      calling({ jurisdiction_id: 'city.gov' }),
      calling({}, { jurisdiction_id: 'city.gov' }),
    ]) {
      expect(() => guard.canActivate(context)).toThrow(Open311Error);
      expect(() => guard.canActivate(context)).toThrow(/jurisdiction_id: "city.gov" was not found/);
    }
  });
});
