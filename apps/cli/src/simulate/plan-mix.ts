import type { CasePlan } from './district-plan';

/** What a set of planned cases amounts to: sources, outcomes and side paths, counted. */
export interface PlanMix {
  cases: number;
  bySource: Record<string, number>;
  byOutcome: Record<string, number>;
  urgent: number;
  withCallerOnset: number;
  hotSpotCases: number;
  /** Disposal planned after the deadline. */
  late: number;
  rejected: number;
  returned: number;
  extensionRequested: number;
  extensionApproved: number;
  postponed: number;
  /** Cases whose check failed at least once, and twice. */
  reworked: number;
  reworkedTwice: number;
  followUps: Record<string, number>;
  reopened: number;
}

export function planMix(cases: readonly CasePlan[]): PlanMix {
  const mix: PlanMix = {
    cases: cases.length,
    bySource: {},
    byOutcome: {},
    urgent: 0,
    withCallerOnset: 0,
    hotSpotCases: 0,
    late: 0,
    rejected: 0,
    returned: 0,
    extensionRequested: 0,
    extensionApproved: 0,
    postponed: 0,
    reworked: 0,
    reworkedTwice: 0,
    followUps: {},
    reopened: 0,
  };
  const add = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const c of cases) {
    add(mix.bySource, c.source);
    add(mix.byOutcome, c.outcome);
    if (c.urgency === 'urgent') mix.urgent++;
    if (c.onsetAt) mix.withCallerOnset++;
    if (c.hotSpot !== undefined) mix.hotSpotCases++;
    if (c.late) mix.late++;
    const failed = c.steps.filter((s) => s.kind === 'verify' && !s.passed).length;
    if (failed >= 1) mix.reworked++;
    if (failed >= 2) mix.reworkedTwice++;
    for (const s of c.steps) {
      if (s.kind === 'reject') mix.rejected++;
      if (s.kind === 'return') mix.returned++;
      if (s.kind === 'requestExtension') mix.extensionRequested++;
      if (s.kind === 'decideExtension' && s.approve) mix.extensionApproved++;
      if (s.kind === 'postpone') mix.postponed++;
      if (s.kind === 'followUp') {
        add(mix.followUps, s.satisfaction);
        if (s.satisfaction === 'unsatisfied') mix.reopened++;
      }
    }
  }
  return mix;
}
