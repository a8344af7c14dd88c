/**
 * When the simulator takes a planned step, and with what business time.
 *
 * - Replay (the default): at once, with the step's planned business time (the importer backfills
 *   a past period as fast as the services take it).
 * - Live: the plan's time runs `speed` times faster than the wall clock from `realStart`; each
 *   step waits for its moment and is sent without a business time, so the services stamp it now,
 *   as they would a person's action: the demo's traffic.
 */
export interface Pace {
  /** Resolves once the step planned at `at` is due. */
  until(at: Date): Promise<void>;
  /** The business time to send for a step planned at `at`; undefined: the services' now. */
  stamp(at: Date): string | undefined;
  /** The instant a planned time stands for (onsets and the like, which are always sent). */
  instant(at: Date): Date;
}

export const replay: Pace = {
  until: async () => undefined,
  stamp: (at) => at.toISOString(),
  instant: (at) => at,
};

const MAX_TIMER_MS = 2 ** 31 - 1;

export class LivePace implements Pace {
  constructor(
    private readonly planStart: Date,
    private readonly realStart: Date,
    readonly speed: number,
  ) {}

  instant(at: Date): Date {
    return new Date(this.realStart.getTime() + (at.getTime() - this.planStart.getTime()) / this.speed);
  }

  async until(at: Date): Promise<void> {
    for (
      let wait = this.instant(at).getTime() - Date.now();
      wait > 0;
      wait = this.instant(at).getTime() - Date.now()
    )
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, MAX_TIMER_MS)));
  }

  stamp(): undefined {
    return undefined;
  }
}
