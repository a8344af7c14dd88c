import { createHmac } from 'node:crypto';

/** How old a signed timestamp a receiver should still accept (docs/WEBHOOKS.md). */
export const REPLAY_WINDOW_SECONDS = 300;

/**
 * The `Cityloop-Signature` header of a delivery attempt: `t=<unix seconds>,v1=<hex>`, where v1 is
 * the HMAC-SHA256, keyed with the endpoint's secret, of `<t>.<raw body>`. Signing the timestamp
 * with the body lets a receiver refuse a captured request replayed later; each attempt is signed
 * anew, with its own time.
 */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${signatureOf(secret, t, body)}`;
}

export function signatureOf(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');
}
