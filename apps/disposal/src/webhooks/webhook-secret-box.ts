import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const SEALED_PREFIX = 'v1';

/** A new endpoint's signing secret: 32 random bytes, shown once to the department. */
export const newSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * Keeps endpoints' signing secrets sealed at rest (AES-256-GCM under a key derived from
 * WEBHOOK_SECRETS_KEY), bound to their webhook id: a copy of the database alone lets nobody forge
 * deliveries, and a sealed secret moved to another row does not open. They are opened only to
 * sign an attempt.
 */
export class WebhookSecretBox {
  private readonly key: Buffer;

  constructor(keyMaterial: string) {
    this.key = Buffer.from(hkdfSync('sha256', keyMaterial, 'cityloop', 'webhook signing secrets v1', 32));
  }

  seal(secret: string, webhookId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(webhookId));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [SEALED_PREFIX, iv, cipher.getAuthTag(), sealed].map(encode).join('.');
  }

  open(sealed: string, webhookId: string): string {
    const [prefix, iv, tag, data] = sealed.split('.');
    if (prefix !== SEALED_PREFIX || !iv || !tag || !data)
      throw new Error(`webhook ${webhookId}: sealed secret of an unknown form`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'))
      .setAAD(Buffer.from(webhookId))
      .setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}

const encode = (part: string | Buffer): string =>
  typeof part === 'string' ? part : part.toString('base64url');
