import type { AttemptOutcome, ClaimedDelivery } from './delivery-queue';
import { signatureHeader } from './webhook-signature';

export const USER_AGENT = 'Cityloop-Webhooks/1';

/**
 * One attempt: POSTs the delivery's body, signed with the endpoint's secret at this moment, and
 * tells how it went. A 2xx answer delivers; redirects are not followed (the registered URL is the
 * one that must answer); the answer's body is not read. Never throws.
 */
export async function postDelivery(
  delivery: ClaimedDelivery,
  secret: string,
  timeoutMs: number,
): Promise<AttemptOutcome & { succeeded: boolean }> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'cityloop-event': delivery.eventType,
        'cityloop-delivery': delivery.deliveryId,
        'cityloop-attempt': String(delivery.attempt),
        'cityloop-signature': signatureHeader(secret, delivery.body, new Date()),
      },
      body: delivery.body,
    });
    await response.body?.cancel().catch(() => undefined);
    const succeeded = response.status >= 200 && response.status < 300;
    return {
      succeeded,
      statusCode: response.status,
      durationMs: took(),
      error: succeeded ? null : `HTTP ${response.status}`,
    };
  } catch (error) {
    return { succeeded: false, statusCode: null, durationMs: took(), error: describe(error, timeoutMs) };
  }
}

/** What went wrong, as a department's engineer wants to read it (fetch hides it in `cause`). */
function describe(error: unknown, timeoutMs: number): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  const cause = e?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ''}`.slice(0, 500);
  return (cause?.message ?? e?.message ?? String(error)).slice(0, 500);
}
