import { newSigningSecret, WebhookSecretBox } from './webhook-secret-box';

const box = new WebhookSecretBox('a-key-of-at-least-thirty-two-characters!');
const webhookId = '7f9c2b1e-5d3a-4c8e-9f00-0a1b2c3d4e5f';

describe('webhook signing secrets', () => {
  it('are 32 random bytes, new each time', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newSigningSecret()).not.toBe(secret);
  });

  it('are sealed at rest (never stored as they are) and open again with the same key and webhook', () => {
    const secret = newSigningSecret();
    const sealed = box.seal(secret, webhookId);
    expect(sealed).not.toContain(secret);
    expect(sealed).not.toContain(secret.slice(6));
    expect(box.seal(secret, webhookId)).not.toBe(sealed); // a fresh nonce each time
    expect(box.open(sealed, webhookId)).toBe(secret);
  });

  it('do not open under another key, for another webhook, or altered', () => {
    const sealed = box.seal(newSigningSecret(), webhookId);
    expect(() =>
      new WebhookSecretBox('another-key-of-thirty-two-characters!!').open(sealed, webhookId),
    ).toThrow();
    expect(() => box.open(sealed, '00000000-0000-4000-8000-000000000000')).toThrow();
    const parts = sealed.split('.');
    parts[3] = `A${parts[3].slice(1)}` === parts[3] ? `B${parts[3].slice(1)}` : `A${parts[3].slice(1)}`;
    expect(() => box.open(parts.join('.'), webhookId)).toThrow();
    expect(() => box.open('plain-text', webhookId)).toThrow(/unknown form/);
  });
});
