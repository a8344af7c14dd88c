import { summarize, type LatencySummary } from './stats';

/** One step of an open-loop load: what was scheduled, what came back, and how late. */
export interface OpenLoopResult {
  rate: number;
  durationMs: number;
  scheduled: number;
  ok: number;
  failed: number;
  /** How many of each answer (HTTP status; with no answer, the error's code, or 0). */
  answers: Record<string, number>;
  /** Answers per second over the step, counted until the last one arrived. */
  achieved: number;
  /** From each request's scheduled instant (not its actual send) to its answer. */
  latency: LatencySummary;
  /** How far behind its instant the generator sent, at worst (its own stall, reported apart). */
  worstSendLagMs: number;
}

/**
 * Sends request i at exactly start + i / rate, whether or not the earlier ones were answered, and
 * measures each latency from that scheduled instant: a stalled server shows as latency that grows
 * with the stall, never as a pause in the load (coordinated omission). `send` resolves with the
 * answer's HTTP status; 2xx is accepted. The timer wakes every millisecond and sends everything that is due.
 */
export async function openLoop(
  rate: number,
  durationMs: number,
  send: (i: number) => Promise<number>,
): Promise<OpenLoopResult> {
  const total = Math.floor((rate * durationMs) / 1000);
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let ok = 0;
  let failed = 0;
  const answers: Record<string, number> = {};
  let worstSendLagMs = 0;
  let lastAnswer = 0;
  const start = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && start + (next * 1000) / rate <= now) {
        const due = start + (next * 1000) / rate;
        worstSendLagMs = Math.max(worstSendLagMs, now - due);
        const i = next++;
        pending.push(
          send(i).then(
            (status) => {
              lastAnswer = performance.now();
              latencies.push(lastAnswer - due);
              answers[status] = (answers[status] ?? 0) + 1;
              if (status >= 200 && status < 300) ok++;
              else failed++;
            },
            (error: NodeJS.ErrnoException) => {
              lastAnswer = performance.now();
              // No answer: counted under the transport's error code (ECONNRESET...), else 0.
              const code = error?.code ?? '0';
              answers[code] = (answers[code] ?? 0) + 1;
              failed++;
            },
          ),
        );
      }
      if (next < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(pending);
  return {
    rate,
    durationMs,
    scheduled: total,
    ok,
    failed,
    answers,
    achieved: Math.round((ok * 1000) / Math.max(1, lastAnswer - start)),
    latency: summarize(latencies),
    worstSendLagMs: Math.round(worstSendLagMs),
  };
}

/**
 * Steps the rate up until a step fails to keep up: an error, answers falling behind the schedule
 * (under 95 % of the rate achieved) or p99 past `maxP99Ms`. The last step that kept up is the
 * maximum sustainable rate.
 */
export async function findMaximum(
  rates: number[],
  durationMs: number,
  send: (i: number) => Promise<number>,
  { maxP99Ms = 1000, onStep = (_: OpenLoopResult) => {} } = {},
): Promise<{ steps: OpenLoopResult[]; maximum: number }> {
  const steps: OpenLoopResult[] = [];
  let maximum = 0;
  let offset = 0;
  for (const rate of rates) {
    const base = offset;
    const step = await openLoop(rate, durationMs, (i) => send(base + i));
    offset += step.scheduled;
    steps.push(step);
    onStep(step);
    const keptUp = step.failed === 0 && step.achieved >= 0.95 * rate && step.latency.p99 <= maxP99Ms;
    if (!keptUp) break;
    maximum = rate;
  }
  return { steps, maximum };
}
