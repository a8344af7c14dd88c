import { localDateOf, type Category, type DistrictPack, type LatLng } from '@cityloop/domain';
import { addLocalDays, addQuarters, BusinessClock, localDatesBetween, wholeSecond } from './business-clock';
import { departmentSpeeds, planFate, type FateContext, type PlannedOutcome, type Step } from './case-fate';
import {
  categoryWeight,
  DAY_WEIGHT,
  HOT_SPOT_CATEGORIES,
  HOURLY_PROFILE,
  RATES,
  SOURCE_SHARES,
  URGENT_SHARE,
  type SimulatedSource,
} from './district-mix';
import { DistrictPlaces } from './district-places';
import { Prng } from './prng';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface PlanOptions {
  seed: number;
  /** First local date of the period (YYYY-MM-DD). */
  from: string;
  quarters: number;
  /** The first local date after the period, instead of `quarters` (a period of any length). */
  until?: string;
  /** Cases in all, hot spots' included. */
  cases: number;
  /** Spots where the same problem keeps coming back; default min(15, ceil(cases / 200)). */
  hotSpots?: number;
  /** The wall clock: no business time after it (a case still running then stays open). */
  now: Date;
}

/** One case, as the importer will report it and carry it through the loop. */
export interface CasePlan {
  /** 1-based, in the order of the reports' business times. */
  n: number;
  /** Idempotency-Key of the report: the case id derives from it, so a seed always gives the same ids. */
  key: string;
  source: SimulatedSource;
  categoryCode: string;
  urgency: 'normal' | 'urgent';
  location: LatLng;
  gridCellCode: string;
  streetId: string;
  addressText: string;
  description: string;
  /** The caller's "since when", where one was given. */
  onsetAt?: Date;
  reporter?: { name: string; phone: string };
  /** The hot spot it belongs to, and the case of that spot that must be closed before it is reported. */
  hotSpot?: number;
  after?: number;
  /** The department that disposes of it (the second one after a return). */
  departmentId: string;
  steps: Step[];
  outcome: PlannedOutcome;
  late: boolean;
}

/** A patroller's pass over cells of a street, with no problem seen there (bounds later onsets). */
export interface PatrolPass {
  at: Date;
  streetId: string;
  cellCodes: string[];
}

export interface DistrictPlan {
  seed: number;
  from: string;
  /** The day after the period's last day. */
  until: string;
  horizon: Date;
  cases: CasePlan[];
  passes: PatrolPass[];
}

/** How long after the period cases may go on being handled (a fixed span, so the plan does not depend on the run's day). */
const AFTER_PERIOD_DAYS = 45;

type Draft = Omit<CasePlan, 'n' | 'key' | 'after'> & { id: string; reportedAt: Date; previous?: string };

/**
 * The district's plan for a period, fully determined by the seed (and, for cases that would run
 * past it, the wall clock): every case with its place, time and fate, and the patrollers' passes.
 */
export function buildPlan(pack: DistrictPack, options: PlanOptions): DistrictPlan {
  const root = new Prng(`cityloop-simulation:${options.seed}`);
  const clock = new BusinessClock(pack.calendar);
  const places = new DistrictPlaces(pack, root.fork('places'));
  const until = options.until ?? addQuarters(options.from, options.quarters);
  const periodEnd = clock.at(until, 0);
  if (periodEnd.getTime() > options.now.getTime()) {
    throw new Error(
      `the period ${options.from} .. ${addLocalDays(until, -1)} runs into the future: business times may not lie ahead of now`,
    );
  }
  const horizon = new Date(
    Math.min(periodEnd.getTime() + AFTER_PERIOD_DAYS * DAY_MS, options.now.getTime() - 5 * 60_000),
  );
  const dates = localDatesBetween(options.from, until);
  const dayWeights = dates.map((d) => (clock.isWorkingDay(d) ? DAY_WEIGHT.workingDay : DAY_WEIGHT.dayOff));
  const context: FateContext = { pack, clock, horizon, speedOf: departmentSpeeds(root.fork('speeds')) };
  const categories = new Map(pack.categories.map((c) => [c.code, c]));

  const timeOfDay = (date: string, source: SimulatedSource, r: Prng): Date => {
    const hour = r.weightedIndex(HOURLY_PROFILE[source]);
    return clock.at(date, hour * 3600 + r.uniform(0, 3600));
  };

  const draft = (
    id: string,
    r: Prng,
    source: SimulatedSource,
    category: Category,
    cell: DistrictPack['cells'][number],
    location: LatLng,
    reportedAt: Date,
  ): Draft => {
    const urgency = r.chance(category.safety ? URGENT_SHARE.safety : URGENT_SHARE.other)
      ? 'urgent'
      : 'normal';
    const fate = planFate(
      { source, category, urgency, streetId: cell.streetId, reportedAt },
      r.fork('fate'),
      context,
    );
    return {
      id,
      reportedAt,
      source,
      categoryCode: category.code,
      urgency,
      location,
      gridCellCode: cell.code,
      streetId: cell.streetId,
      addressText: `${places.streetName(cell.streetId)}${places.communityName(cell.communityId)}`,
      description: describe(source, category),
      ...(source === 'hotline' && r.chance(RATES.hotlineOnset) && { onsetAt: onsetBefore(reportedAt, r) }),
      ...((source === 'hotline' || source === 'app') && { reporter: reporterOf(r) }),
      departmentId: fate.departmentId,
      steps: fate.steps,
      outcome: fate.outcome,
      late: fate.late,
    };
  };

  // Hot spots: the same problem at the same spot, back again after each closure.
  const drafts: Draft[] = [];
  const hotSpotCount = options.hotSpots ?? Math.min(15, Math.ceil(options.cases / 200));
  const hotCategories = Object.keys(HOT_SPOT_CATEGORIES).filter((code) => categories.has(code));
  for (let h = 0; h < hotSpotCount && hotCategories.length > 0; h++) {
    const r = root.fork(`hot-spot:${h}`);
    const category = categories.get(r.weighted(hotCategories, (code) => HOT_SPOT_CATEGORIES[code]))!;
    const cell = places.anyCell(r);
    const anchor = places.pointIn(cell, r);
    const source = (): SimulatedSource =>
      r.weighted(['hotline', 'patrol', 'app'] as const, (s) => ({ hotline: 6, patrol: 3, app: 1 })[s]);
    let first = r.pick(dates.slice(0, 20));
    let s = source();
    let reportedAt = timeOfDay(first, s, r);
    for (let k = 0; reportedAt.getTime() < periodEnd.getTime() && drafts.length < options.cases; k++) {
      const c = r.fork(`case:${k}`);
      const previous = k > 0 ? `hot:${h}:${k - 1}` : undefined;
      const d = {
        ...draft(`hot:${h}:${k}`, c, s, category, cell, places.pointNear(cell, anchor, 15, c), reportedAt),
        hotSpot: h,
        previous,
      };
      drafts.push(d);
      const settled = d.outcome === 'closed' ? closedAtOf(d) : d.steps[d.steps.length - 1].at;
      const gap = r.chance(RATES.hotSpotRebound)
        ? r.uniform(1, 29)
        : r.chance(RATES.hotSpotLateReturn / (1 - RATES.hotSpotRebound))
          ? r.uniform(31, 40)
          : r.uniform(40, 90);
      first = localDateOf(new Date(settled.getTime() + Math.floor(gap) * DAY_MS), clock.timeZone);
      s = source();
      reportedAt = timeOfDay(first, s, r);
      if (reportedAt.getTime() <= settled.getTime()) reportedAt = new Date(settled.getTime() + HOUR_MS);
    }
  }

  // The rest of the district: reports spread over days and hours, categories and cells.
  const background = Math.max(0, options.cases - drafts.length);
  const sources = Object.keys(SOURCE_SHARES) as SimulatedSource[];
  for (let i = 0; i < background; i++) {
    const r = root.fork(`case:${i}`);
    const source = r.weighted(sources, (s) => SOURCE_SHARES[s]);
    const date = dates[r.weightedIndex(dayWeights)];
    const reportedAt = timeOfDay(date, source, r);
    const category = r.weighted(pack.categories, (c) => categoryWeight(c, source));
    const cell = source === 'patrol' ? places.patrolledCell(r) : places.anyCell(r);
    drafts.push(draft(`case:${i}`, r, source, category, cell, places.pointIn(cell, r), reportedAt));
  }

  drafts.sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime() || a.id.localeCompare(b.id));
  const numberOf = new Map(drafts.map((d, i) => [d.id, i + 1]));
  const cases: CasePlan[] = drafts.map(({ id: _id, reportedAt: _at, previous, ...rest }, i) => ({
    n: i + 1,
    key: `sim-${options.seed}-${i + 1}`,
    ...(previous && { after: numberOf.get(previous) }),
    ...rest,
  }));

  // Patrollers pass over their rounds every morning, each cell every other day.
  const passes: PatrolPass[] = [];
  dates.forEach((date, day) => {
    for (const [streetId, cells] of places.patrolled) {
      const r = root.fork(`pass:${date}:${streetId}`);
      const cellCodes = cells.filter((_, i) => (i + day) % 2 === 0).map((c) => c.code);
      if (cellCodes.length === 0) continue;
      passes.push({ at: clock.at(date, 8 * 3600 + r.uniform(0, 2700)), streetId, cellCodes });
    }
  });
  passes.sort((a, b) => a.at.getTime() - b.at.getTime() || a.streetId.localeCompare(b.streetId));

  return { seed: options.seed, from: options.from, until, horizon, cases, passes };
}

function closedAtOf(d: Draft): Date {
  const closures = d.steps.filter((s) => (s.kind === 'verify' && s.passed) || s.kind === 'signOff');
  return closures[closures.length - 1].at;
}

const DESCRIPTION_PREFIX: Record<SimulatedSource, string> = {
  hotline: '市民来电反映',
  patrol: '监督员巡查发现',
  video: '视频监控发现',
  app: '市民通过APP上报',
};

function describe(source: SimulatedSource, category: Category): string {
  return `${DESCRIPTION_PREFIX[source]}: ${category.name}, 请及时处置`;
}

/** "Since when": hours to days before the call, now and then weeks. */
function onsetBefore(reportedAt: Date, r: Prng): Date {
  const hours = r.chance(0.5) ? r.uniform(1, 24) : r.chance(0.7) ? r.uniform(24, 168) : r.uniform(168, 720);
  return wholeSecond(new Date(reportedAt.getTime() - hours * HOUR_MS - 60_000));
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡'];

function reporterOf(r: Prng): { name: string; phone: string } {
  const phone = `1${r.pick(['3', '5', '8'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`;
  return { name: `${r.pick(SURNAMES)}${r.pick(['先生', '女士'])}`, phone };
}
