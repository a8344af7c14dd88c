import { afterAttempt, nominalWaitsMs, retryDelayMs } from './retry-schedule';
import { loadWebhookSettings } from './webhook-settings';

const defaults = loadWebhookSettings({}, false).retry;

describe('the retry schedule of webhook deliveries', () => {
  it('doubles from 2 s up to the cap of an hour, and keeps trying for hours', () => {
    const waits = nominalWaitsMs(defaults);
    expect(waits.slice(0, 5)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000]);
    expect(waits).toHaveLength(19); // 20 attempts in all
    expect(Math.max(...waits)).toBe(3_600_000);
    expect(waits.indexOf(3_600_000)).toBe(11); // 2 s × 2^11 = 68 min, over the cap
    const hours = waits.reduce((a, b) => a + b, 0) / 3_600_000;
    expect(hours).toBeGreaterThan(9);
    expect(hours).toBeLessThan(10);
  });

  it('jitters each wait down by at most 20 %, never up', () => {
    for (const random of [0, 0.25, 0.5, 0.999]) {
      const wait = retryDelayMs(3, defaults, random);
      expect(wait).toBeLessThanOrEqual(8_000);
      expect(wait).toBeGreaterThanOrEqual(6_400);
    }
    expect(retryDelayMs(3, defaults, 0.5)).toBe(7_200);
    expect(retryDelayMs(40, defaults, 0.999)).toBeGreaterThan(0.8 * 3_600_000 - 1);
  });

  it('delivers on success, retries on failure, gives up after the last attempt', () => {
    const schedule = { baseMs: 100, maxMs: 1_000, maxAttempts: 3 };
    expect(afterAttempt(1, true, schedule)).toEqual({ state: 'delivered' });
    expect(afterAttempt(1, false, schedule, 0)).toEqual({ state: 'pending', retryInMs: 100 });
    expect(afterAttempt(2, false, schedule, 0)).toEqual({ state: 'pending', retryInMs: 200 });
    expect(afterAttempt(3, false, schedule, 0)).toEqual({ state: 'failed' });
    expect(afterAttempt(3, true, schedule)).toEqual({ state: 'delivered' });
  });

  it('takes its pace from the environment, so that tests run in seconds', () => {
    const fast = loadWebhookSettings({ WEBHOOK_RETRY_BASE_MS: '200', WEBHOOK_RETRY_MAX_MS: '1000' }, false);
    expect(nominalWaitsMs(fast.retry).slice(0, 5)).toEqual([200, 400, 800, 1_000, 1_000]);
  });
});
