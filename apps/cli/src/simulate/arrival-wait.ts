import { pollUntil } from './services-client';

/** How much of the typical arrival time to sleep before the first look. */
const FIRST_LOOK = 0.8;
/** Weight of the newest arrival in the running typical time. */
const SMOOTHING = 0.2;
/** The first look is never put off longer than this, nor than a quarter of the timeout. */
const MAX_FIRST_LOOK_MS = 5_000;

/**
 * Waits for one kind of effect that reaches another service over Kafka (an order in disposal's
 * inbox, a check opened): it learns how long that usually takes and sleeps most of it before the
 * first look, then polls as pollUntil does. Under a load where the pipeline takes a second, this
 * looks about twice per effect instead of six or seven times, and the services spend their time
 * on the work rather than on answering "not yet".
 */
export class ArrivalWait {
  private typicalMs = 0;

  constructor(private readonly timeoutMs: number) {}

  async until<T>(what: string, attempt: () => Promise<T | undefined>): Promise<T> {
    const started = Date.now();
    const firstLookMs = Math.min(
      Math.round(this.typicalMs * FIRST_LOOK),
      MAX_FIRST_LOOK_MS,
      Math.floor(this.timeoutMs / 4),
    );
    let looks = 0;
    const value = await pollUntil(
      what,
      () => {
        looks++;
        return attempt();
      },
      this.timeoutMs,
      firstLookMs,
    );
    // Found at the first look: it may have been there long before (a record carried again, a
    // pipeline that got quicker), and a wait cannot measure below its first look; learn less.
    this.learn(looks === 1 && firstLookMs > 0 ? firstLookMs / 2 : Date.now() - started);
    return value;
  }

  /** The running typical arrival time, in milliseconds. */
  get typical(): number {
    return this.typicalMs;
  }

  private learn(arrivedAfterMs: number): void {
    this.typicalMs =
      this.typicalMs === 0 ? arrivedAfterMs : this.typicalMs + SMOOTHING * (arrivedAfterMs - this.typicalMs);
  }
}
