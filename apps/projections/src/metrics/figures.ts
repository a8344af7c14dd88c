/**
 * Every figure of docs/METRICS.md as SQL over `cases_with_onset` (alias c), in one place: the
 * tables, the drill-down and the CSV exports all read these definitions.
 *
 * - anchor: the instant that puts a case in a period (a duration counts where it ends; a rate's
 *   cases are those due in the period).
 * - population: which of those cases the figure is about.
 * - duration: value in seconds; count: how many; rate: numerator over the population.
 * Parameters: p.as_of is the read model's clock, for overdue-open (see MetricsReadModel).
 */
export type Figure =
  | { kind: 'duration'; anchor: string; population: string; value: string }
  | { kind: 'count'; anchor: string; population: string }
  | { kind: 'rate'; anchor: string; population: string; numerator: string };

const seconds = (from: string, to: string) => `extract(epoch FROM ${to} - ${from})::float8`;
const NOT_REJECTED = 'c.rejected_at IS NULL';
const HOTLINE = `c.source = 'hotline'`;

/** Where time-to-dispose starts (the pack's rules.disposalClockFrom). */
export const clockStartColumn = (from: 'dispatch' | 'sign') =>
  from === 'sign' ? 'c.signed_at' : 'c.dispatched_at';

export function figures(clockStart: string): Record<string, Figure> {
  return {
    timeToDiscover: {
      kind: 'duration',
      anchor: 'c.reported_at',
      population: `${NOT_REJECTED} AND c.onset_at IS NOT NULL`,
      value: seconds('c.onset_at', 'c.reported_at'),
    },
    unknownOnset: {
      kind: 'count',
      anchor: 'c.reported_at',
      population: `${NOT_REJECTED} AND c.onset_at IS NULL`,
    },
    reported: { kind: 'count', anchor: 'c.reported_at', population: NOT_REJECTED },
    proactive: { kind: 'count', anchor: 'c.reported_at', population: `${NOT_REJECTED} AND c.proactive` },
    proactiveDiscoveryRate: {
      kind: 'rate',
      anchor: 'c.reported_at',
      population: NOT_REJECTED,
      numerator: 'c.proactive',
    },
    missedReports: { kind: 'count', anchor: 'c.reported_at', population: `${NOT_REJECTED} AND c.citizen` },
    timeToFile: {
      kind: 'duration',
      anchor: 'c.filed_at',
      population: 'c.reported_at IS NOT NULL',
      value: seconds('c.reported_at', 'c.filed_at'),
    },
    timeToDispatch: {
      kind: 'duration',
      anchor: 'c.first_dispatched_at',
      population: 'c.filed_at IS NOT NULL',
      value: seconds('c.filed_at', 'c.first_dispatched_at'),
    },
    'timeToDispose.calendar': {
      kind: 'duration',
      anchor: 'c.disposed_at',
      population: `${clockStart} IS NOT NULL`,
      value: seconds(clockStart, 'c.disposed_at'),
    },
    'timeToDispose.working': {
      kind: 'duration',
      anchor: 'c.disposed_at',
      population: 'c.dispose_working_seconds IS NOT NULL',
      value: 'c.dispose_working_seconds',
    },
    timeToClose: {
      kind: 'duration',
      anchor: 'c.closed_at',
      population: 'c.reported_at IS NOT NULL',
      value: seconds('c.reported_at', 'c.closed_at'),
    },
    due: { kind: 'count', anchor: 'c.deadline_at', population: 'true' },
    'rates.disposal': {
      kind: 'rate',
      anchor: 'c.deadline_at',
      population: 'true',
      numerator: 'c.disposed_at IS NOT NULL',
    },
    'rates.onTimeDisposal': {
      kind: 'rate',
      anchor: 'c.deadline_at',
      population: 'true',
      numerator: 'c.disposed_at <= c.deadline_at',
    },
    'rates.rework': {
      kind: 'rate',
      anchor: 'c.deadline_at',
      population: 'true',
      numerator: 'c.verification_failures >= 1',
    },
    'rates.overdueOpen': {
      kind: 'rate',
      anchor: 'c.deadline_at',
      population: 'true',
      numerator:
        'c.disposed_at IS NULL AND c.closed_at IS NULL AND NOT c.postponed AND c.deadline_at < p.as_of',
    },
    'rates.extension': { kind: 'rate', anchor: 'c.deadline_at', population: 'true', numerator: 'c.extended' },
    'rates.closure': {
      kind: 'rate',
      anchor: 'c.deadline_at',
      population: 'NOT c.postponed',
      numerator: 'c.closed_at IS NOT NULL',
    },
    'rates.onTimeClosure': {
      kind: 'rate',
      anchor: 'c.deadline_at',
      population: 'NOT c.postponed',
      numerator: 'c.closed_at <= c.deadline_at',
    },
    'rates.wrongDispatch': {
      kind: 'rate',
      anchor: 'c.deadline_at',
      population: 'true',
      numerator: 'c.department_count >= 2',
    },
    'hotline.response': {
      kind: 'rate',
      anchor: 'c.reported_at',
      population: HOTLINE,
      numerator: '(c.filed_at IS NOT NULL OR c.rejected_at IS NOT NULL)',
    },
    'hotline.resolution': {
      kind: 'rate',
      anchor: 'c.reported_at',
      population: `${HOTLINE} AND c.filed_at IS NOT NULL`,
      numerator: 'c.closed_at IS NOT NULL',
    },
    'hotline.satisfaction': {
      kind: 'rate',
      anchor: 'c.reported_at',
      population: `${HOTLINE} AND c.satisfaction IS NOT NULL`,
      numerator: `c.satisfaction IN ('satisfied', 'basically')`,
    },
  };
}
