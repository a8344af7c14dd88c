import type { Satisfaction } from '@cityloop/contracts';
import {
  responsibleDepartment,
  workingTimeBetween,
  type Category,
  type Department,
  type DistrictPack,
} from '@cityloop/domain';
import { BusinessClock, clockOf, type Clock } from './business-clock';
import {
  DEPARTMENT_SPEEDS,
  RATES,
  SATISFACTION_AFTER_REOPEN,
  SATISFACTION_FIRST,
  SOURCE_SHARES,
  type SimulatedSource,
} from './district-mix';
import type { Prng } from './prng';

/**
 * One step of a case, at its business time, as the importer performs it. The report itself is the
 * first step; the automatic steps (filing of patrol reports, dispatch, re-dispatch on reopening,
 * the on-site check opening) are the services' own and have no step here.
 */
export type Step =
  | { kind: 'report'; at: Date }
  | { kind: 'file'; at: Date }
  | { kind: 'reject'; at: Date; reason: string }
  | { kind: 'return'; at: Date; note: string }
  | { kind: 'approveReturn'; at: Date; departmentId: string }
  | { kind: 'sign'; at: Date }
  | { kind: 'postpone'; at: Date; reason: string }
  | { kind: 'resume'; at: Date }
  | { kind: 'requestExtension'; at: Date; hours: number; reason: string }
  | { kind: 'decideExtension'; at: Date; approve: boolean; reason?: string }
  | { kind: 'dispose'; at: Date; notes: string }
  | { kind: 'verify'; at: Date; passed: boolean; notes?: string }
  | { kind: 'signOff'; at: Date }
  | { kind: 'followUp'; at: Date; satisfaction: Satisfaction };

export type StepKind = Step['kind'];

/** How a case ends within the simulated period (open: its next step would fall after the horizon). */
export type PlannedOutcome = 'closed' | 'rejected' | 'open';

export interface CaseFate {
  steps: Step[];
  outcome: PlannedOutcome;
  /** The department that disposes of it (after a return, the second one). */
  departmentId: string;
  /** When the case closed for the last time (the passed check, or the chief's sign-off). */
  closedAt?: Date;
  /** Disposal reported after the (possibly extended or moved) deadline, on the first order that disposed. */
  late: boolean;
}

export interface FateInput {
  source: SimulatedSource;
  category: Category;
  urgency: 'normal' | 'urgent';
  streetId: string;
  reportedAt: Date;
}

export interface FateContext {
  pack: DistrictPack;
  clock: BusinessClock;
  /** No step after this instant: the rest of the case has not happened yet. */
  horizon: Date;
  speedOf(departmentId: string): number;
}

const MINUTE_MS = 60_000;

const REJECT_REASONS = [
  '不属于数字城管受理范围',
  '信息不全且无法联系上报人',
  '经核实问题不存在',
  '属私人物业管理范围',
];

/** Rejections happen only where a chief files: scaled so that RATES.rejected holds over all cases. */
const REJECT_SHARE_OF_FILED_BY_CHIEF = RATES.rejected / (1 - SOURCE_SHARES.patrol);

/**
 * The fate of one case: every step from report to closure (or rejection), with business times on
 * the district's calendar, drawn from the case's own generator. Steps are strictly ordered in time,
 * and none lies after the horizon.
 */
export function planFate(input: FateInput, prng: Prng, context: FateContext): CaseFate {
  const { clock, pack } = context;
  const { category, urgency, source } = input;
  const limit = urgency === 'urgent' ? category.urgentTimeLimit : category.timeLimit;
  const kind: Clock = clockOf(limit);
  const limitHours = clock.hoursOf(limit);
  const steps: Step[] = [{ kind: 'report', at: input.reportedAt }];
  let now = input.reportedAt;
  /** `hours` later on the case's clock, and at least a minute after the last step. */
  const after = (hours: number, on: Clock = kind, from: Date = now): Date => {
    const at = clock.later(from, hours, on);
    return at.getTime() > now.getTime() + MINUTE_MS ? at : new Date(now.getTime() + MINUTE_MS);
  };
  const push = (step: Step): void => {
    steps.push(step);
    now = step.at;
  };
  const done = (outcome: PlannedOutcome, rest: Omit<CaseFate, 'steps' | 'outcome'>): CaseFate =>
    cutAtHorizon({ steps, outcome, ...rest }, context.horizon, pack.rules?.closureNeedsChiefSignOff === true);

  // 立案: patrol reports are filed automatically; a chief files the rest, or rejects a few.
  let departmentId = responsibleDepartment(pack, category.code, input.streetId);
  if (source !== 'patrol') {
    const at = after(kind === 'calendar' ? prng.uniform(0.1, 0.7) : prng.uniform(0.1, 2.5));
    if (prng.chance(REJECT_SHARE_OF_FILED_BY_CHIEF)) {
      push({ kind: 'reject', at, reason: prng.pick(REJECT_REASONS) });
      return done('rejected', { departmentId, late: false });
    }
    push({ kind: 'file', at });
  }
  // Dispatched automatically at the filing's time, with the category's deadline.
  let deadline = clock.deadline(now, limit);

  // 退单: not our area; the dispatcher approves and sends it to the right one (a wrong dispatch).
  if (prng.chance(RATES.returned)) {
    push({ kind: 'return', at: after(prng.uniform(0.2, 2)), note: '属地不符, 不在本单位职责范围' });
    departmentId = rightfulDepartment(pack, departmentId, category, input.streetId, prng);
    push({ kind: 'approveReturn', at: after(prng.uniform(0.1, 1.5)), departmentId });
    deadline = clock.deadline(now, limit);
  }
  const speed = context.speedOf(departmentId);
  push({ kind: 'sign', at: after(prng.uniform(0.05, 0.8) * Math.min(speed, 1.5)) });
  let workFrom = now;

  // 缓办: a case that cannot be solved now waits some days; its clock stops meanwhile.
  if (prng.chance(RATES.postponed)) {
    push({ kind: 'postpone', at: after(prng.uniform(0.2, 2)), reason: '需协调产权单位, 暂缓处置' });
    const postponedAt = now;
    const resumeAt = after(0.1, kind, new Date(now.getTime() + prng.uniform(1, 10) * 86_400_000));
    push({ kind: 'resume', at: resumeAt });
    deadline = moveBy(deadline, postponedAt, resumeAt, kind, clock);
    workFrom = now;
  }

  // How long the work takes, as a share of the time limit: fast departments rarely run late.
  let share = speed * prng.logNormal(-0.5, 0.5);
  if (prng.chance(RATES.extension)) {
    const hours = Math.max(1, Math.round(limitHours * prng.uniform(0.5, 1)));
    push({
      kind: 'requestExtension',
      at: after(limitHours * prng.uniform(0.3, 0.7)),
      hours,
      reason: '需协调相关单位, 申请延期',
    });
    const approve = prng.chance(RATES.extensionApproved);
    push(
      approve
        ? { kind: 'decideExtension', at: after(prng.uniform(0.1, 1)), approve }
        : { kind: 'decideExtension', at: after(prng.uniform(0.1, 1)), approve, reason: '时限内可以完成' },
    );
    if (approve) deadline = clock.later(deadline, hours, kind);
    share = speed * prng.uniform(0.9, 1.6); // it needed the time
  }
  push({ kind: 'dispose', at: after(limitHours * share, kind, workFrom), notes: '已按要求处置完毕' });
  const late = now.getTime() > deadline.getTime();

  // 核查: a patroller checks on site; a few fail once (返工), fewer twice.
  const failures = prng.chance(RATES.failedVerification) ? (prng.chance(RATES.failedAgain) ? 2 : 1) : 0;
  const check = (): Date => after(kind === 'calendar' ? prng.uniform(0.3, 3) : prng.uniform(0.3, 6));
  for (let i = 0; i < failures; i++) {
    push({ kind: 'verify', at: check(), passed: false, notes: '现场核查问题仍存在' });
    push({
      kind: 'dispose',
      at: after(limitHours * prng.uniform(0.1, 0.6) * speed),
      notes: '已返工处置',
    });
  }
  const close = (): void => {
    push({ kind: 'verify', at: check(), passed: true });
    if (pack.rules?.closureNeedsChiefSignOff) push({ kind: 'signOff', at: after(prng.uniform(0.1, 1)) });
  };
  close();
  let closedAt = now;

  // 回访: the hotline caller's verdict, in the operators' working hours; unsatisfied reopens (重办).
  if (source === 'hotline') {
    const first = satisfactionOf(prng, SATISFACTION_FIRST);
    push({ kind: 'followUp', at: after(prng.uniform(1, 16), 'working'), satisfaction: first });
    if (first === 'unsatisfied') {
      // Re-dispatched at once to the department that had it, with a fresh deadline.
      push({ kind: 'sign', at: after(prng.uniform(0.05, 0.8)) });
      push({
        kind: 'dispose',
        at: after(limitHours * speed * prng.logNormal(-0.7, 0.4)),
        notes: '已重新处置',
      });
      close();
      closedAt = now;
      const second = satisfactionOf(prng, SATISFACTION_AFTER_REOPEN);
      push({ kind: 'followUp', at: after(prng.uniform(1, 16), 'working'), satisfaction: second });
    }
  }
  return done('closed', { departmentId, closedAt, late });
}

/**
 * Where a wrongly dispatched case belongs: a department's case in the street office's area goes to
 * the street office; a street office's to the category's own department (or another one).
 */
function rightfulDepartment(
  pack: DistrictPack,
  from: string,
  category: Category,
  streetId: string,
  prng: Prng,
): string {
  const office = pack.departments.find((d) => d.kind === 'street-office' && d.streetId === streetId);
  const current = pack.departments.find((d) => d.id === from);
  if (current?.kind !== 'street-office' && office && office.id !== from) return office.id;
  if (category.defaultDepartmentId !== from) return category.defaultDepartmentId;
  const others: Department[] = pack.departments.filter((d) => d.kind === 'department' && d.id !== from);
  return prng.pick(others).id;
}

/** A resumption moves the deadline by the time the postponement lasted, in the order's kind of time. */
function moveBy(deadline: Date, from: Date, to: Date, kind: Clock, clock: BusinessClock): Date {
  if (kind === 'calendar') return new Date(deadline.getTime() + (to.getTime() - from.getTime()));
  const hours = workingTimeBetween(from, to, clock.calendar) / 3_600_000;
  return clock.later(deadline, hours, 'working');
}

function satisfactionOf(prng: Prng, shares: Record<Satisfaction, number>): Satisfaction {
  const verdicts = Object.keys(shares) as Satisfaction[];
  return prng.weighted(verdicts, (v) => shares[v]);
}

/**
 * The steps up to the horizon, and how the case stands after the last of them: closed after a
 * passed check (and the chief's sign-off where the district needs one) that no reopening followed.
 */
function cutAtHorizon(fate: CaseFate, horizon: Date, needsSignOff: boolean): CaseFate {
  const kept = fate.steps.filter((s) => s.at.getTime() <= horizon.getTime());
  if (kept.length === fate.steps.length) return fate;
  let outcome: PlannedOutcome = 'open';
  let closedAt: Date | undefined;
  for (const step of kept) {
    if (step.kind === 'reject') outcome = 'rejected';
    const closes = needsSignOff ? step.kind === 'signOff' : step.kind === 'verify' && step.passed;
    if (closes) [outcome, closedAt] = ['closed', step.at];
    if (step.kind === 'followUp' && step.satisfaction === 'unsatisfied')
      [outcome, closedAt] = ['open', undefined];
  }
  return { ...fate, steps: kept, outcome, closedAt };
}

/** The speed multiplier of a department: the mix's table, else one drawn for it from the seed. */
export function departmentSpeeds(prng: Prng): (departmentId: string) => number {
  const drawn = new Map<string, number>();
  return (departmentId) => {
    const known = DEPARTMENT_SPEEDS[departmentId];
    if (known !== undefined) return known;
    if (!drawn.has(departmentId)) drawn.set(departmentId, prng.fork(departmentId).logNormal(0, 0.35));
    return drawn.get(departmentId)!;
  };
}
