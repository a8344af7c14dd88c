import { createHmac } from 'node:crypto';
// The receivers' check exactly as docs/WEBHOOKS.md gives it to departments (also the e2e test's).
import { verifyCityloopSignature } from '../../../../test/support/webhook-receiver';
import { REPLAY_WINDOW_SECONDS, signatureHeader } from './webhook-signature';

const secret = 'whsec_test-secret';
const body = JSON.stringify({ id: 'd1', type: 'order.dispatched', data: { note: '井盖缺失' } });
const at = new Date('2026-03-02T08:00:00.000Z');
const now = at.getTime() / 1000;

describe('webhook signatures', () => {
  it('are t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const header = signatureHeader(secret, body, at);
    const expected = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(header).toBe(`t=${now},v1=${expected}`);
    expect(header).toMatch(/^t=\d{10},v1=[0-9a-f]{64}$/);
  });

  it("pass the receivers' documented check, and only with the right secret and the exact body", () => {
    const header = signatureHeader(secret, body, at);
    expect(verifyCityloopSignature(secret, header, body, now)).toBe(true);
    expect(verifyCityloopSignature('whsec_other', header, body, now)).toBe(false);
    expect(verifyCityloopSignature(secret, header, body.replace('d1', 'd2'), now)).toBe(false);
    expect(verifyCityloopSignature(secret, header, `${body} `, now)).toBe(false);
  });

  it('bind the time: a changed t fails, and an old one is refused after the replay window', () => {
    const header = signatureHeader(secret, body, at);
    expect(verifyCityloopSignature(secret, header.replace(`t=${now}`, `t=${now + 1}`), body, now)).toBe(
      false,
    );
    expect(verifyCityloopSignature(secret, header, body, now + REPLAY_WINDOW_SECONDS)).toBe(true);
    expect(verifyCityloopSignature(secret, header, body, now + REPLAY_WINDOW_SECONDS + 1)).toBe(false);
  });

  it('are signed anew for each attempt', () => {
    expect(signatureHeader(secret, body, new Date(at.getTime() + 2_000))).not.toBe(
      signatureHeader(secret, body, at),
    );
  });
});
