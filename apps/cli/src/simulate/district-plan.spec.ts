import { readPackFile, type DistrictPack } from '@cityloop/domain';
import { demoPackPath } from '@cityloop/service-kit';
import { buildPlan, type DistrictPlan, type PlanOptions } from './district-plan';
import { RATES, SATISFACTION_FIRST, SOURCE_SHARES } from './district-mix';
import { planMix } from './plan-mix';

let pack: DistrictPack;
const options: PlanOptions = {
  seed: 7,
  from: '2026-04-01',
  quarters: 2,
  cases: 4000,
  now: new Date('2026-11-26T00:00:00Z'),
};
let plan: DistrictPlan;

beforeAll(() => {
  pack = readPackFile(demoPackPath());
  plan = buildPlan(pack, options);
});

/** The plan as plain JSON, for comparing two plans. */
const asJson = (p: DistrictPlan) => JSON.parse(JSON.stringify(p));

describe('the district plan', () => {
  it('is the same for the same seed, and another for another seed', () => {
    const again = buildPlan(pack, options);
    expect(asJson(again)).toEqual(asJson(plan));
    const other = buildPlan(pack, { ...options, seed: 8 });
    expect(other.cases.map((c) => c.categoryCode)).not.toEqual(plan.cases.map((c) => c.categoryCode));
  });

  it('does not depend on the day it runs, once the horizon has passed', () => {
    const later = buildPlan(pack, { ...options, now: new Date('2027-06-01T00:00:00Z') });
    expect(asJson(later)).toEqual(asJson(plan));
  });

  it('numbers the cases in report order, with idempotency keys from the seed', () => {
    expect(plan.cases).toHaveLength(4000);
    plan.cases.forEach((c, i) => {
      expect(c.n).toBe(i + 1);
      expect(c.key).toBe(`sim-7-${i + 1}`);
      if (i > 0)
        expect(c.steps[0].at.getTime()).toBeGreaterThanOrEqual(plan.cases[i - 1].steps[0].at.getTime());
    });
  });

  it("orders every case's business times strictly, within the period and before the horizon", () => {
    const start = new Date('2026-03-31T16:00:00Z'); // 2026-04-01 00:00 in Shanghai
    const end = new Date('2026-09-30T16:00:00Z');
    for (const c of plan.cases) {
      expect(c.steps[0].kind).toBe('report');
      expect(c.steps[0].at.getTime()).toBeGreaterThanOrEqual(start.getTime());
      expect(c.steps[0].at.getTime()).toBeLessThan(end.getTime());
      if (c.onsetAt) expect(c.onsetAt.getTime()).toBeLessThan(c.steps[0].at.getTime());
      for (let i = 1; i < c.steps.length; i++) {
        expect(c.steps[i].at.getTime()).toBeGreaterThan(c.steps[i - 1].at.getTime());
      }
      expect(c.steps[c.steps.length - 1].at.getTime()).toBeLessThanOrEqual(plan.horizon.getTime());
    }
  });

  it('follows the loop: a chief files what patrols do not, signs come before disposal, checks after it', () => {
    for (const c of plan.cases) {
      const kinds = c.steps.map((s) => s.kind);
      if (c.source === 'patrol') expect(kinds).not.toContain('file');
      else if (kinds.length > 1) expect(['file', 'reject']).toContain(kinds[1]);
      const firstDispose = kinds.indexOf('dispose');
      if (firstDispose >= 0) expect(kinds.indexOf('sign')).toBeLessThan(firstDispose);
      kinds.forEach((kind, i) => {
        if (kind === 'verify') expect(kinds[i - 1]).toBe('dispose');
        if (kind === 'approveReturn') expect(kinds[i - 1]).toBe('return');
        if (kind === 'resume') expect(kinds[i - 1]).toBe('postpone');
      });
      if (c.source !== 'hotline') expect(kinds).not.toContain('followUp');
    }
  });

  it('has the intended mix of sources, outcomes and side paths', () => {
    const mix = planMix(plan.cases);
    const share = (n: number) => n / plan.cases.length;
    for (const [source, expected] of Object.entries(SOURCE_SHARES)) {
      expect(Math.abs(share(mix.bySource[source] ?? 0) - expected)).toBeLessThan(0.03);
    }
    expect(Math.abs(share(mix.rejected) - RATES.rejected)).toBeLessThan(0.01);
    expect(Math.abs(share(mix.returned) - RATES.returned)).toBeLessThan(0.012);
    expect(Math.abs(share(mix.extensionRequested) - RATES.extension)).toBeLessThan(0.015);
    expect(mix.extensionApproved / mix.extensionRequested).toBeGreaterThan(0.7);
    expect(mix.postponed).toBeGreaterThan(0);
    expect(Math.abs(share(mix.reworked) - RATES.failedVerification)).toBeLessThan(0.015);
    expect(mix.reworkedTwice).toBeGreaterThan(0);
    expect(mix.reworkedTwice).toBeLessThan(mix.reworked / 2);
    // Follow-ups: about 8 % of the closed hotline cases' callers are unsatisfied, and reopen them.
    const hotlineClosed = plan.cases.filter((c) => c.steps.some((s) => s.kind === 'followUp')).length;
    expect(Math.abs(mix.reopened / hotlineClosed - SATISFACTION_FIRST.unsatisfied)).toBeLessThan(0.02);
    expect(share(mix.byOutcome.closed)).toBeGreaterThan(0.9);
    expect(mix.byOutcome.rejected).toBe(mix.rejected);
    // Some orders run late (slow departments), most do not.
    expect(share(mix.late)).toBeGreaterThan(0.03);
    expect(share(mix.late)).toBeLessThan(0.35);
    // Hotline callers give a "since when" about 60 % of the time.
    const hotline = mix.bySource.hotline;
    expect(Math.abs(mix.withCallerOnset / hotline - RATES.hotlineOnset)).toBeLessThan(0.04);
    expect(mix.urgent).toBeGreaterThan(0);
  });

  it('weighs categories towards garbage, road cleanliness and street order', () => {
    const count = (prefixes: string[]) =>
      plan.cases.filter((c) => prefixes.some((p) => c.categoryCode.startsWith(p))).length;
    const cleanlinessAndOrder = count(['11', '14']);
    expect(cleanlinessAndOrder / plan.cases.length).toBeGreaterThan(0.5);
    expect(count(['15'])).toBeLessThan(plan.cases.length * 0.05);
    expect(new Set(plan.cases.map((c) => c.categoryCode)).size).toBeGreaterThan(40);
  });

  it('brings hot spots back at the same spot after each closure, mostly within 30 days', () => {
    const spots = new Map<number, typeof plan.cases>();
    for (const c of plan.cases) {
      if (c.hotSpot === undefined) continue;
      spots.set(c.hotSpot, [...(spots.get(c.hotSpot) ?? []), c]);
    }
    expect(spots.size).toBe(15);
    let rebounds = 0;
    let returns = 0;
    for (const chain of spots.values()) {
      expect(new Set(chain.map((c) => `${c.gridCellCode} ${c.categoryCode}`)).size).toBe(1);
      for (let i = 1; i < chain.length; i++) {
        const before = chain[i - 1];
        expect(chain[i].after).toBe(before.n);
        const settled = before.steps[before.steps.length - 1].at.getTime();
        const closure = [...before.steps]
          .reverse()
          .find((s) => s.kind === 'verify' && s.passed)
          ?.at.getTime();
        expect(chain[i].steps[0].at.getTime()).toBeGreaterThan(closure ?? settled);
        returns++;
        if (closure && chain[i].steps[0].at.getTime() - closure < 30 * 86_400_000) rebounds++;
      }
    }
    expect(rebounds / returns).toBeGreaterThan(0.6);
    expect(rebounds).toBeLessThan(returns);
  });

  it('places every case in its cell, and leaves some cells off the patrol rounds', () => {
    for (const c of plan.cases.slice(0, 200)) expect(c.gridCellCode.startsWith(c.streetId)).toBe(true);
    const patrolled = new Set(plan.passes.flatMap((p) => p.cellCodes));
    expect(patrolled.size).toBeLessThan(pack.cells.length);
    expect(patrolled.size).toBeGreaterThan(pack.cells.length * 0.85);
    const days = new Set(plan.passes.map((p) => p.at.toISOString().slice(0, 10))).size;
    expect(days).toBeGreaterThanOrEqual(182);
    const unpatrolledWithoutOnset = plan.cases.filter((c) => !c.onsetAt && !patrolled.has(c.gridCellCode));
    expect(unpatrolledWithoutOnset.length).toBeGreaterThan(0);
  });

  it('refuses a period that runs into the future', () => {
    expect(() => buildPlan(pack, { ...options, from: '2026-10-01' })).toThrow(/future/);
  });
});
